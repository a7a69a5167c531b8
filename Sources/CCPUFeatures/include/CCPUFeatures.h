#ifndef CCPUFEATURES_H
#define CCPUFEATURES_H

// The x86 vector instruction sets this CPU has and the OS saves the registers of (CPUID and
// XGETBV), for choosing a level of our C kernels (CDeepKernels, CLearnKernels) at run time.
// Imported only by SentinelNumerics (Runtime/KernelLevel.swift).

/// AVX2 is usable (CPUID.7:EBX[5], with YMM state enabled).
#define CCPU_AVX2 1u
/// FMA3 is usable (CPUID.1:ECX[12], with YMM state enabled).
#define CCPU_FMA 2u
/// AVX-512F is usable (CPUID.7:EBX[16], with opmask and ZMM state enabled).
#define CCPU_AVX512F 4u

/// The CCPU_* bits of this CPU; 0 on other architectures or compilers.
unsigned ccpu_features(void);

#endif
