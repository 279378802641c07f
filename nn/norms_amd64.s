//go:build !noasm

#include "textflag.h"

// Gradient-norm kernels; see sumSquaresGo (norms.go) for the arithmetic
// they reproduce and norms_amd64.go for why.

// func sumSquaresAVX512(v []float32, acc *[16]float64)
// acc[j] = Σ v[i]² over i ≡ j (mod 16), each term rounded to float64
// before adding (no FMA); len(v) is a multiple of 16.
TEXT ·sumSquaresAVX512(SB), NOSPLIT, $0-32
	MOVQ v_base+0(FP), SI
	MOVQ v_len+8(FP), CX
	MOVQ acc+24(FP), DI
	VXORPD Z0, Z0, Z0
	VXORPD Z1, Z1, Z1
	XORQ BX, BX
	SHRQ $4, CX
	JZ   store512

loopsq512:
	VCVTPS2PD (SI)(BX*4), Z2
	VCVTPS2PD 32(SI)(BX*4), Z3
	VMULPD    Z2, Z2, Z2
	VMULPD    Z3, Z3, Z3
	VADDPD    Z2, Z0, Z0
	VADDPD    Z3, Z1, Z1
	ADDQ      $16, BX
	DECQ      CX
	JNZ       loopsq512

store512:
	VMOVUPD Z0, (DI)
	VMOVUPD Z1, 64(DI)
	VZEROUPPER
	RET

// func sumSquaresAVX2(v []float32, acc *[16]float64)
// As sumSquaresAVX512, in four ymm accumulators of 4 lanes.
TEXT ·sumSquaresAVX2(SB), NOSPLIT, $0-32
	MOVQ v_base+0(FP), SI
	MOVQ v_len+8(FP), CX
	MOVQ acc+24(FP), DI
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
	XORQ BX, BX
	SHRQ $4, CX
	JZ   store2

loopsq2:
	VCVTPS2PD (SI)(BX*4), Y4
	VCVTPS2PD 16(SI)(BX*4), Y5
	VCVTPS2PD 32(SI)(BX*4), Y6
	VCVTPS2PD 48(SI)(BX*4), Y7
	VMULPD    Y4, Y4, Y4
	VMULPD    Y5, Y5, Y5
	VMULPD    Y6, Y6, Y6
	VMULPD    Y7, Y7, Y7
	VADDPD    Y4, Y0, Y0
	VADDPD    Y5, Y1, Y1
	VADDPD    Y6, Y2, Y2
	VADDPD    Y7, Y3, Y3
	ADDQ      $16, BX
	DECQ      CX
	JNZ       loopsq2

store2:
	VMOVUPD Y0, (DI)
	VMOVUPD Y1, 32(DI)
	VMOVUPD Y2, 64(DI)
	VMOVUPD Y3, 96(DI)
	VZEROUPPER
	RET
