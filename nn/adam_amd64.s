//go:build !noasm

#include "textflag.h"

// Adam kernels; see adamGo in adam.go for the arithmetic they reproduce
// and adam_amd64.go for why. adamConsts field offsets: b1 0, c1 4, b2 8,
// c2 12, stepSize 16, invSqrtBC2 20, eps 24, wd 28. len(w) is a multiple of
// the vector width; g, m, v are at least as long.

// tinyBits is math.Float32bits(1e-30), absMask clears the sign bit.
#define TINYBITS $0x0da24260
#define ABSMASK $0x7fffffff

// func adamAVX512(k *adamConsts, w, g, m, v []float32)
TEXT ·adamAVX512(SB), NOSPLIT, $0-104
	MOVQ k+0(FP), AX
	MOVQ w_base+8(FP), DI
	MOVQ w_len+16(FP), CX
	MOVQ g_base+32(FP), SI
	MOVQ m_base+56(FP), R8
	MOVQ v_base+80(FP), R9
	VBROADCASTSS 0(AX), Z16  // b1
	VBROADCASTSS 4(AX), Z17  // c1
	VBROADCASTSS 8(AX), Z18  // b2
	VBROADCASTSS 12(AX), Z19 // c2
	VBROADCASTSS 16(AX), Z20 // stepSize
	VBROADCASTSS 20(AX), Z21 // invSqrtBC2
	VBROADCASTSS 24(AX), Z22 // eps
	VBROADCASTSS 28(AX), Z23 // wd
	MOVL 28(AX), DX          // wd bits: 0 means no weight decay (+0 only, as wd != 0 in Go)
	ANDL $0x7fffffff, DX     // -0 == 0 too
	MOVL ABSMASK, BX
	VPBROADCASTD BX, Z24
	MOVL TINYBITS, BX
	VPBROADCASTD BX, Z25
	XORQ BX, BX              // element index
	SHRQ $4, CX              // vectors
	JZ   done512

loop512:
	VMOVUPS (DI)(BX*4), Z0 // w
	VMOVUPS (SI)(BX*4), Z1 // g
	TESTL DX, DX
	JZ    nowd512
	VMULPS Z23, Z0, Z2     // wd*w
	VADDPS Z2, Z1, Z1      // g += wd*w

nowd512:
	VMULPS (R8)(BX*4), Z16, Z2 // b1*m
	VMULPS Z1, Z17, Z3         // c1*g
	VADDPS Z3, Z2, Z2          // m
	VMULPS (R9)(BX*4), Z18, Z4 // b2*v
	VMULPS Z1, Z19, Z5         // c2*g
	VMULPS Z1, Z5, Z5          // c2*g*g
	VADDPS Z5, Z4, Z4          // v

	// Flush: keep m where |m| >= tiny and v where v >= tiny, comparing
	// bits as unsigned integers like adamGo.
	VPANDD       Z24, Z2, Z6
	VPCMPUD      $5, Z25, Z6, K1 // K1 = |m| >= tiny
	VMOVDQA32.Z  Z2, K1, Z2
	VPCMPUD      $5, Z25, Z4, K2 // K2 = v >= tiny
	VMOVDQA32.Z  Z4, K2, Z4
	VMOVUPS      Z2, (R8)(BX*4)
	VMOVUPS      Z4, (R9)(BX*4)

	VSQRTPS Z4, Z7
	VMULPS  Z21, Z7, Z7 // sqrt(v)*invSqrtBC2
	VADDPS  Z22, Z7, Z7 // + eps
	VMULPS  Z2, Z20, Z8 // stepSize*m
	VDIVPS  Z7, Z8, Z8  // / denominator
	VSUBPS  Z8, Z0, Z0  // w -= step
	VMOVUPS Z0, (DI)(BX*4)

	ADDQ $16, BX
	DECQ CX
	JNZ  loop512

done512:
	VZEROUPPER
	RET

// func adamAVX2(k *adamConsts, w, g, m, v []float32)
TEXT ·adamAVX2(SB), NOSPLIT, $0-104
	MOVQ k+0(FP), AX
	MOVQ w_base+8(FP), DI
	MOVQ w_len+16(FP), CX
	MOVQ g_base+32(FP), SI
	MOVQ m_base+56(FP), R8
	MOVQ v_base+80(FP), R9
	VBROADCASTSS 0(AX), Y8   // b1
	VBROADCASTSS 4(AX), Y9   // c1
	VBROADCASTSS 8(AX), Y10  // b2
	VBROADCASTSS 12(AX), Y11 // c2
	VBROADCASTSS 16(AX), Y14 // stepSize
	VBROADCASTSS 20(AX), Y12 // invSqrtBC2
	VBROADCASTSS 24(AX), Y13 // eps
	VBROADCASTSS 28(AX), Y15 // wd
	MOVL 28(AX), DX
	ANDL $0x7fffffff, DX
	MOVL ABSMASK, BX
	MOVD BX, X6
	VPBROADCASTD X6, Y6
	MOVL TINYBITS, BX
	SUBL $1, BX               // x < tiny  <=>  min(x, tiny-1) == x (unsigned)
	MOVD BX, X7
	VPBROADCASTD X7, Y7
	XORQ BX, BX
	SHRQ $3, CX
	JZ   done2

loop2:
	VMOVUPS (DI)(BX*4), Y0
	VMOVUPS (SI)(BX*4), Y1
	TESTL DX, DX
	JZ    nowd2
	VMULPS Y15, Y0, Y4
	VADDPS Y4, Y1, Y1

nowd2:
	VMULPS (R8)(BX*4), Y8, Y2
	VMULPS Y1, Y9, Y4
	VADDPS Y4, Y2, Y2          // m
	VMULPS (R9)(BX*4), Y10, Y3
	VMULPS Y1, Y11, Y4
	VMULPS Y1, Y4, Y4
	VADDPS Y4, Y3, Y3          // v

	VANDPS   Y6, Y2, Y4        // |m| bits
	VPMINUD  Y7, Y4, Y5
	VPCMPEQD Y5, Y4, Y5        // Y5 = |m| < tiny
	VPANDN   Y2, Y5, Y2        // m = 0 there
	VPMINUD  Y7, Y3, Y5
	VPCMPEQD Y5, Y3, Y5        // Y5 = v < tiny
	VPANDN   Y3, Y5, Y3
	VMOVUPS  Y2, (R8)(BX*4)
	VMOVUPS  Y3, (R9)(BX*4)

	VSQRTPS Y3, Y4
	VMULPS  Y12, Y4, Y4
	VADDPS  Y13, Y4, Y4
	VMULPS  Y2, Y14, Y5
	VDIVPS  Y4, Y5, Y5
	VSUBPS  Y5, Y0, Y0
	VMOVUPS Y0, (DI)(BX*4)

	ADDQ $8, BX
	DECQ CX
	JNZ  loop2

done2:
	VZEROUPPER
	RET
