// CPUID and XGETBV checks behind KernelLevel (SentinelNumerics): an instruction set counts only
// when the CPU has it and the OS saves its registers on context switches.
#include "CCPUFeatures.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <cpuid.h>

static unsigned long long ccpu_xgetbv(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

unsigned ccpu_features(void) {
    unsigned int eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    int osxsave = (ecx >> 27) & 1, fma = (ecx >> 12) & 1, avx = (ecx >> 28) & 1;
    if (!osxsave || !avx) return 0;
    unsigned long long xcr0 = ccpu_xgetbv();
    if ((xcr0 & 0x6) != 0x6) return 0;  // XMM and YMM state
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    unsigned features = 0;
    if ((ebx >> 5) & 1) features |= CCPU_AVX2;
    if (fma) features |= CCPU_FMA;
    if (((ebx >> 16) & 1) && (xcr0 & 0xE6) == 0xE6) features |= CCPU_AVX512F;  // + opmask, ZMM state
    return features;
}
#else
unsigned ccpu_features(void) { return 0; }
#endif
