import CCairo

/// The current path of a Cairo context, copied (user space); freed with this object.
final class PathData {
    private let path: UnsafeMutablePointer<cairo_path_t>?
    let data: UnsafeMutablePointer<cairo_path_data_t>?
    let count: Int
    /// Drawing segments: lines, curves and closes.
    let segments: Int

    init(_ cr: OpaquePointer) {
        path = cairo_copy_path(cr)
        guard let path, path.pointee.status == CAIRO_STATUS_SUCCESS, let data = path.pointee.data else {
            data = nil; count = 0; segments = 0
            return
        }
        self.data = data
        count = Int(path.pointee.num_data)
        var i = 0, n = 0
        while i < count {
            let header = data[i].header
            if header.type != CAIRO_PATH_MOVE_TO { n += 1 }
            i += max(1, Int(header.length))
        }
        segments = n
    }

    deinit {
        if let path { cairo_path_destroy(path) }
    }
}

extension cairo_matrix_t {
    var isIdentity: Bool { xx == 1 && yx == 0 && xy == 0 && yy == 1 && x0 == 0 && y0 == 0 }
}
