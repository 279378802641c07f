//go:build !noasm

#include "textflag.h"

// Packing helpers (AVX). Layouts are described in pack.go; bounds are
// checked by the Go wrappers in pack_amd64.go.

// func packXAVX(d, s []float32, ld, kl, w int)
// d[l*w : l*w+w] = s[l*ld : l*ld+w] for l < kl; w is 6, 12, 16 or 32.
TEXT ·packXAVX(SB), NOSPLIT, $0-72
	MOVQ d_base+0(FP), DI
	MOVQ s_base+24(FP), SI
	MOVQ ld+48(FP), R8
	SHLQ $2, R8
	MOVQ kl+56(FP), CX
	MOVQ w+64(FP), AX
	TESTQ CX, CX
	JLE  xdone
	CMPQ AX, $16
	JEQ  x16
	CMPQ AX, $32
	JEQ  x32
	CMPQ AX, $12
	JEQ  x12

x6:
	VMOVUPS (SI), X0
	VMOVQ   16(SI), X1
	VMOVUPS X0, (DI)
	VMOVQ   X1, 16(DI)
	ADDQ R8, SI
	ADDQ $24, DI
	DECQ CX
	JNZ  x6
	JMP  xdone

x12:
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), X1
	VMOVUPS Y0, (DI)
	VMOVUPS X1, 32(DI)
	ADDQ R8, SI
	ADDQ $48, DI
	DECQ CX
	JNZ  x12
	JMP  xdone

x16:
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	ADDQ R8, SI
	ADDQ $64, DI
	DECQ CX
	JNZ  x16
	JMP  xdone

x32:
	VMOVUPS (SI), Y0
	VMOVUPS 32(SI), Y1
	VMOVUPS 64(SI), Y2
	VMOVUPS 96(SI), Y3
	VMOVUPS Y0, (DI)
	VMOVUPS Y1, 32(DI)
	VMOVUPS Y2, 64(DI)
	VMOVUPS Y3, 96(DI)
	ADDQ R8, SI
	ADDQ $128, DI
	DECQ CX
	JNZ  x32

xdone:
	VZEROUPPER
	RET

// In-lane 4×4 transpose of a0..a3 into o0..o3 (t0..t3 scratch): lane k of
// o_j holds element j of lane k of a0, a1, a2, a3.
#define TRANSPOSE4(a0, a1, a2, a3, t0, t1, t2, t3, o0, o1, o2, o3) \
	VUNPCKLPS a1, a0, t0; \
	VUNPCKHPS a1, a0, t1; \
	VUNPCKLPS a3, a2, t2; \
	VUNPCKHPS a3, a2, t3; \
	VSHUFPS $0x44, t2, t0, o0; \
	VSHUFPS $0xEE, t2, t0, o1; \
	VSHUFPS $0x44, t3, t1, o2; \
	VSHUFPS $0xEE, t3, t1, o3

// func packKT8(d, s []float32, ld, kl8, w int)
// For 8 rows r of s (row r at s[r*ld:]) and l < kl8 (a multiple of 8):
// d[l*w+r] = s[r*ld+l].
TEXT ·packKT8(SB), NOSPLIT, $0-72
	MOVQ d_base+0(FP), DI
	MOVQ s_base+24(FP), SI
	MOVQ ld+48(FP), R8
	SHLQ $2, R8                 // row stride of s in bytes
	LEAQ (R8)(R8*2), R9         // 3 rows
	LEAQ (SI)(R8*4), R10        // row 4
	MOVQ kl8+56(FP), CX
	SHRQ $3, CX
	JZ   t8done
	MOVQ w+64(FP), R11
	SHLQ $2, R11                // row stride of d in bytes
	LEAQ (R11)(R11*2), R12      // 3 rows of d
	LEAQ (DI)(R11*4), R13       // d row 4

t8loop:
	// Y_i = [row i | row i+4] columns 0-3, Y_(4+i) the same for columns 4-7.
	VMOVUPS (SI), X0
	VINSERTF128 $1, (R10), Y0, Y0
	VMOVUPS (SI)(R8*1), X1
	VINSERTF128 $1, (R10)(R8*1), Y1, Y1
	VMOVUPS (SI)(R8*2), X2
	VINSERTF128 $1, (R10)(R8*2), Y2, Y2
	VMOVUPS (SI)(R9*1), X3
	VINSERTF128 $1, (R10)(R9*1), Y3, Y3
	VMOVUPS 16(SI), X4
	VINSERTF128 $1, 16(R10), Y4, Y4
	VMOVUPS 16(SI)(R8*1), X5
	VINSERTF128 $1, 16(R10)(R8*1), Y5, Y5
	VMOVUPS 16(SI)(R8*2), X6
	VINSERTF128 $1, 16(R10)(R8*2), Y6, Y6
	VMOVUPS 16(SI)(R9*1), X7
	VINSERTF128 $1, 16(R10)(R9*1), Y7, Y7
	TRANSPOSE4(Y0, Y1, Y2, Y3, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15)
	VMOVUPS Y12, (DI)
	VMOVUPS Y13, (DI)(R11*1)
	VMOVUPS Y14, (DI)(R11*2)
	VMOVUPS Y15, (DI)(R12*1)
	TRANSPOSE4(Y4, Y5, Y6, Y7, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15)
	VMOVUPS Y12, (R13)
	VMOVUPS Y13, (R13)(R11*1)
	VMOVUPS Y14, (R13)(R11*2)
	VMOVUPS Y15, (R13)(R12*1)
	ADDQ $32, SI
	ADDQ $32, R10
	LEAQ (DI)(R11*8), DI
	LEAQ (R13)(R11*8), R13
	DECQ CX
	JNZ  t8loop

t8done:
	VZEROUPPER
	RET

// func packKT4(d, s []float32, ld, kl8, w int)
// Like packKT8 for 4 rows.
TEXT ·packKT4(SB), NOSPLIT, $0-72
	MOVQ d_base+0(FP), DI
	MOVQ s_base+24(FP), SI
	MOVQ ld+48(FP), R8
	SHLQ $2, R8
	LEAQ (R8)(R8*2), R9
	MOVQ kl8+56(FP), CX
	SHRQ $3, CX
	JZ   t4done
	MOVQ w+64(FP), R11
	SHLQ $2, R11
	LEAQ (R11)(R11*2), R12
	LEAQ (DI)(R11*4), R13

t4loop:
	// Y_i = row i columns 0-7: lane 0 gives columns 0-3, lane 1 columns 4-7.
	VMOVUPS (SI), Y0
	VMOVUPS (SI)(R8*1), Y1
	VMOVUPS (SI)(R8*2), Y2
	VMOVUPS (SI)(R9*1), Y3
	TRANSPOSE4(Y0, Y1, Y2, Y3, Y8, Y9, Y10, Y11, Y12, Y13, Y14, Y15)
	VMOVUPS X12, (DI)
	VMOVUPS X13, (DI)(R11*1)
	VMOVUPS X14, (DI)(R11*2)
	VMOVUPS X15, (DI)(R12*1)
	VEXTRACTF128 $1, Y12, (R13)
	VEXTRACTF128 $1, Y13, (R13)(R11*1)
	VEXTRACTF128 $1, Y14, (R13)(R11*2)
	VEXTRACTF128 $1, Y15, (R13)(R12*1)
	ADDQ $32, SI
	LEAQ (DI)(R11*8), DI
	LEAQ (R13)(R11*8), R13
	DECQ CX
	JNZ  t4loop

t4done:
	VZEROUPPER
	RET

// func packKT2(d, s []float32, ld, kl8, w int)
// Like packKT8 for 2 rows.
TEXT ·packKT2(SB), NOSPLIT, $0-72
	MOVQ d_base+0(FP), DI
	MOVQ s_base+24(FP), SI
	MOVQ ld+48(FP), R8
	SHLQ $2, R8
	MOVQ kl8+56(FP), CX
	SHRQ $3, CX
	JZ   t2done
	MOVQ w+64(FP), R11
	SHLQ $2, R11
	LEAQ (R11)(R11*2), R12
	LEAQ (DI)(R11*4), R13

t2loop:
	VMOVUPS (SI), Y0
	VMOVUPS (SI)(R8*1), Y1
	VUNPCKLPS Y1, Y0, Y2        // pairs for columns 0, 1 | 4, 5
	VUNPCKHPS Y1, Y0, Y3        // pairs for columns 2, 3 | 6, 7
	VEXTRACTF128 $1, Y2, X4
	VEXTRACTF128 $1, Y3, X5
	VMOVQ   X2, (DI)
	VMOVHPS X2, (DI)(R11*1)
	VMOVQ   X3, (DI)(R11*2)
	VMOVHPS X3, (DI)(R12*1)
	VMOVQ   X4, (R13)
	VMOVHPS X4, (R13)(R11*1)
	VMOVQ   X5, (R13)(R11*2)
	VMOVHPS X5, (R13)(R12*1)
	ADDQ $32, SI
	LEAQ (DI)(R11*8), DI
	LEAQ (R13)(R11*8), R13
	DECQ CX
	JNZ  t2loop

t2done:
	VZEROUPPER
	RET
