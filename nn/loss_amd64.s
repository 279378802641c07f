//go:build !noasm

#include "textflag.h"

// Sigmoid + BCE kernels; see sigmoidBCEGo (loss.go), expNeg, expPoly and
// log1p01 (fastmath.go) for the arithmetic they reproduce step by step and
// loss_amd64.go for why. len(l) is a multiple of the vector width; x, p,
// terms are as long, dl too or empty (no gradient).

// Rows of bceConsts (64 bytes each), AX points at the table.
#define ABS 0(AX)
#define LOG2E 64(AX)
#define HALF 128(AX)
#define LN2HI 192(AX)
#define LN2LO 256(AX)
#define C7 320(AX)
#define C6 384(AX)
#define C5 448(AX)
#define C4 512(AX)
#define C3 576(AX)
#define C2 640(AX)
#define ONE 704(AX)
#define I127 768(AX)
#define CUTOFF 832(AX)
#define TWO 896(AX)
#define D13 960(AX)
#define D11 1024(AX)
#define D9 1088(AX)
#define D7 1152(AX)
#define D5 1216(AX)
#define D3 1280(AX)
#define HUNDRED 1344(AX)
#define ZERO 1408(AX)

// Compare predicates: ordered and quiet, so NaN compares false like Go.
#define LT_OQ $0x11
#define GE_OQ $0x1d

// func sigmoidBCEAVX512(c *bceConsts, l, x, p, dl, scratch []float32, s float64) float64
TEXT ·sigmoidBCEAVX512(SB), NOSPLIT, $0-144
	MOVQ c+0(FP), AX
	MOVQ l_base+8(FP), DI
	MOVQ l_len+16(FP), CX
	MOVQ x_base+32(FP), SI
	MOVQ p_base+56(FP), R8
	MOVQ dl_base+80(FP), R9
	MOVQ dl_len+88(FP), R10
	MOVQ scratch_base+104(FP), R11
	VMOVSD s+128(FP), X26
	XORQ BX, BX
	SHRQ $4, CX
	JZ   done512

loop512:
	VMOVUPS (DI)(BX*4), Z0 // v
	VPANDD  ABS, Z0, Z1    // a = |v|

	// e = expNeg(a): k = int32(a*log2e + 0.5), r = kf*ln2Hi - a + kf*ln2Lo
	VMULPS     LOG2E, Z1, Z2
	VADDPS     HALF, Z2, Z2
	VCVTTPS2DQ Z2, Z3      // k
	VCVTDQ2PS  Z3, Z4      // kf
	VMULPS     LN2HI, Z4, Z5
	VSUBPS     Z1, Z5, Z5
	VMULPS     LN2LO, Z4, Z6
	VADDPS     Z6, Z5, Z5  // r
	VMULPS     C7, Z5, Z6  // expPoly(r)
	VADDPS     C6, Z6, Z6
	VMULPS     Z6, Z5, Z6
	VADDPS     C5, Z6, Z6
	VMULPS     Z6, Z5, Z6
	VADDPS     C4, Z6, Z6
	VMULPS     Z6, Z5, Z6
	VADDPS     C3, Z6, Z6
	VMULPS     Z6, Z5, Z6
	VADDPS     C2, Z6, Z6
	VMULPS     Z6, Z5, Z6
	VADDPS     ONE, Z6, Z6
	VMULPS     Z6, Z5, Z6
	VADDPS     ONE, Z6, Z6
	VMOVDQU32  I127, Z7
	VPSUBD     Z3, Z7, Z7  // 127 - k
	VPSLLD     $23, Z7, Z7 // 2^-k
	VMULPS     Z7, Z6, Z6
	VCMPPS     LT_OQ, CUTOFF, Z1, K1
	VMOVAPS.Z  Z6, K1, Z6  // e = 0 unless a < expCutoff

	// sp = log1p01(e)
	VADDPS TWO, Z6, Z8
	VDIVPS Z8, Z6, Z8      // s = e/(2+e)
	VMULPS Z8, Z8, Z9      // s2
	VMULPS D13, Z9, Z10
	VADDPS D11, Z10, Z10
	VMULPS Z10, Z9, Z10
	VADDPS D9, Z10, Z10
	VMULPS Z10, Z9, Z10
	VADDPS D7, Z10, Z10
	VMULPS Z10, Z9, Z10
	VADDPS D5, Z10, Z10
	VMULPS Z10, Z9, Z10
	VADDPS D3, Z10, Z10
	VMULPS Z10, Z9, Z10
	VADDPS ONE, Z10, Z10
	VADDPS Z8, Z8, Z11     // 2*s
	VMULPS Z10, Z11, Z11   // sp

	VADDPS  ONE, Z6, Z12
	VMOVUPS ONE, Z13
	VDIVPS  Z12, Z13, Z13  // inv = 1/(1+e)
	VADDPS  Z1, Z11, Z14   // sp + a
	VMULPS  Z13, Z6, Z15   // e*inv: sigmoid for v < 0

	VCMPPS  GE_OQ, ZERO, Z0, K2 // v >= 0
	VMOVAPS Z11, Z16
	VMOVAPS Z14, K2, Z16        // spPos
	VMOVAPS Z14, Z17
	VMOVAPS Z11, K2, Z17        // spNeg
	VMOVAPS Z13, K2, Z15        // sig

	VMOVUPS (SI)(BX*4), Z18     // t
	VMOVUPS HUNDRED, Z19
	VMINPS  Z17, Z19, Z20       // min(spNeg, 100), NaN kept
	VMINPS  Z16, Z19, Z21       // min(spPos, 100)
	VMULPS  Z20, Z18, Z20       // t*...
	VMOVUPS ONE, Z22
	VSUBPS  Z18, Z22, Z22       // 1-t
	VMULPS  Z21, Z22, Z21       // (1-t)*...
	VADDPS  Z21, Z20, Z20       // term
	VMOVUPS Z15, (R8)(BX*4)

	// s += float64(term), lane by lane in pixel order: the terms as
	// float64 go through scratch, each add reads one. The chain of adds
	// overlaps the next pixels' work.
	VCVTPS2PD     Y20, Z24
	VEXTRACTF64X4 $1, Z20, Y25
	VCVTPS2PD     Y25, Z25
	VMOVUPD       Z24, (R11)
	VMOVUPD       Z25, 64(R11)
	VADDSD        0(R11), X26, X26
	VADDSD        8(R11), X26, X26
	VADDSD        16(R11), X26, X26
	VADDSD        24(R11), X26, X26
	VADDSD        32(R11), X26, X26
	VADDSD        40(R11), X26, X26
	VADDSD        48(R11), X26, X26
	VADDSD        56(R11), X26, X26
	VADDSD        64(R11), X26, X26
	VADDSD        72(R11), X26, X26
	VADDSD        80(R11), X26, X26
	VADDSD        88(R11), X26, X26
	VADDSD        96(R11), X26, X26
	VADDSD        104(R11), X26, X26
	VADDSD        112(R11), X26, X26
	VADDSD        120(R11), X26, X26
	TESTQ   R10, R10
	JZ      nodl512
	VSUBPS  Z18, Z15, Z23       // sig - t
	VMOVUPS Z23, (R9)(BX*4)

nodl512:
	ADDQ $16, BX
	DECQ CX
	JNZ  loop512

done512:
	VMOVSD X26, ret+136(FP)
	VZEROUPPER
	RET

// func sigmoidBCEAVX2(c *bceConsts, l, x, p, dl, scratch []float32, s float64) float64
TEXT ·sigmoidBCEAVX2(SB), NOSPLIT, $0-144
	MOVQ c+0(FP), AX
	MOVQ l_base+8(FP), DI
	MOVQ l_len+16(FP), CX
	MOVQ x_base+32(FP), SI
	MOVQ p_base+56(FP), R8
	MOVQ dl_base+80(FP), R9
	MOVQ dl_len+88(FP), R10
	MOVQ scratch_base+104(FP), R11
	VMOVSD s+128(FP), X9 // s, all along (s2 is in Y12 here)
	XORQ BX, BX
	SHRQ $3, CX
	JZ   done2

loop2:
	VMOVUPS (DI)(BX*4), Y0 // v
	VANDPS  ABS, Y0, Y1    // a

	VMULPS     LOG2E, Y1, Y2
	VADDPS     HALF, Y2, Y2
	VCVTTPS2DQ Y2, Y3      // k
	VCVTDQ2PS  Y3, Y4      // kf
	VMULPS     LN2HI, Y4, Y5
	VSUBPS     Y1, Y5, Y5
	VMULPS     LN2LO, Y4, Y6
	VADDPS     Y6, Y5, Y5  // r
	VMULPS     C7, Y5, Y6
	VADDPS     C6, Y6, Y6
	VMULPS     Y6, Y5, Y6
	VADDPS     C5, Y6, Y6
	VMULPS     Y6, Y5, Y6
	VADDPS     C4, Y6, Y6
	VMULPS     Y6, Y5, Y6
	VADDPS     C3, Y6, Y6
	VMULPS     Y6, Y5, Y6
	VADDPS     C2, Y6, Y6
	VMULPS     Y6, Y5, Y6
	VADDPS     ONE, Y6, Y6
	VMULPS     Y6, Y5, Y6
	VADDPS     ONE, Y6, Y6
	VMOVDQU    I127, Y7
	VPSUBD     Y3, Y7, Y7
	VPSLLD     $23, Y7, Y7
	VMULPS     Y7, Y6, Y6
	VCMPPS     LT_OQ, CUTOFF, Y1, Y7
	VANDPS     Y7, Y6, Y6  // e

	VADDPS TWO, Y6, Y8
	VDIVPS Y8, Y6, Y8      // s
	VMULPS Y8, Y8, Y12      // s2
	VMULPS D13, Y12, Y10
	VADDPS D11, Y10, Y10
	VMULPS Y10, Y12, Y10
	VADDPS D9, Y10, Y10
	VMULPS Y10, Y12, Y10
	VADDPS D7, Y10, Y10
	VMULPS Y10, Y12, Y10
	VADDPS D5, Y10, Y10
	VMULPS Y10, Y12, Y10
	VADDPS D3, Y10, Y10
	VMULPS Y10, Y12, Y10
	VADDPS ONE, Y10, Y10
	VADDPS Y8, Y8, Y11
	VMULPS Y10, Y11, Y11   // sp

	VADDPS  ONE, Y6, Y12
	VMOVUPS ONE, Y13
	VDIVPS  Y12, Y13, Y13  // inv
	VADDPS  Y1, Y11, Y14   // sp + a
	VMULPS  Y13, Y6, Y15   // e*inv

	VCMPPS    GE_OQ, ZERO, Y0, Y2
	VBLENDVPS Y2, Y14, Y11, Y3  // spPos = v >= 0 ? sp+a : sp
	VBLENDVPS Y2, Y11, Y14, Y4  // spNeg = v >= 0 ? sp : sp+a
	VBLENDVPS Y2, Y13, Y15, Y15 // sig

	VMOVUPS (SI)(BX*4), Y5      // t
	VMOVUPS HUNDRED, Y6
	VMINPS  Y4, Y6, Y4
	VMINPS  Y3, Y6, Y3
	VMULPS  Y4, Y5, Y4
	VMOVUPS ONE, Y7
	VSUBPS  Y5, Y7, Y7
	VMULPS  Y3, Y7, Y3
	VADDPS  Y3, Y4, Y4          // term
	VMOVUPS Y15, (R8)(BX*4)

	// s += float64(term) in pixel order, as in the AVX-512 kernel.
	VCVTPS2PD    X4, Y6
	VEXTRACTF128 $1, Y4, X7
	VCVTPS2PD    X7, Y7
	VMOVUPD      Y6, (R11)
	VMOVUPD      Y7, 32(R11)
	VADDSD       0(R11), X9, X9
	VADDSD       8(R11), X9, X9
	VADDSD       16(R11), X9, X9
	VADDSD       24(R11), X9, X9
	VADDSD       32(R11), X9, X9
	VADDSD       40(R11), X9, X9
	VADDSD       48(R11), X9, X9
	VADDSD       56(R11), X9, X9
	TESTQ   R10, R10
	JZ      nodl2
	VSUBPS  Y5, Y15, Y8
	VMOVUPS Y8, (R9)(BX*4)

nodl2:
	ADDQ $8, BX
	DECQ CX
	JNZ  loop2

done2:
	VMOVSD X9, ret+136(FP)
	VZEROUPPER
	RET
