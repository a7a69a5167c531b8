/// Where an in-panel box is anchored.
public enum Corner: String, Sendable, Codable {
    case topLeft, topRight, bottomLeft, bottomRight
}
