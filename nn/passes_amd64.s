//go:build !noasm

#include "textflag.h"

// Element-wise kernels of the layers' passes; see colSumsGo and activateGo
// (passes.go) for the arithmetic they reproduce and passes_amd64.go for why.

// func colSumsAVX512(dy, y, db []float32, rows, stride int, slope float32, mask bool)
// For each block of 16 columns j of db (len(db) is a multiple of 16), over
// rows r < rows of dy (row r at dy[r*stride:]): when mask, dy *= slope
// where y <= 0 (a blend of dy and dy*slope, which equals dy*1 elsewhere);
// db[j] = dy[0][j] + dy[1][j] + ... in row order.
TEXT ·colSumsAVX512(SB), NOSPLIT, $0-93
	MOVQ dy_base+0(FP), DI
	MOVQ y_base+24(FP), SI
	MOVQ db_base+48(FP), R8
	MOVQ db_len+56(FP), CX
	MOVQ rows+72(FP), R9
	MOVQ stride+80(FP), R10
	SHLQ $2, R10              // row stride in bytes
	VBROADCASTSS slope+88(FP), Z31
	MOVBLZX mask+92(FP), DX
	VXORPS Z30, Z30, Z30      // 0
	SHRQ $4, CX
	JZ   done512

cols512:
	MOVQ DI, R11 // dy of row 0 at this column block
	MOVQ SI, R12
	MOVQ R9, R13
	XORL BX, BX  // 0 until the first row is in the accumulator

rows512:
	VMOVUPS (R11), Z1
	TESTL DX, DX
	JZ    nomask512
	VMOVUPS (R12), Z2
	VCMPPS  $0x02, Z30, Z2, K1 // y <= 0 (LE_OS; NaN false like Go)
	VMULPS  Z31, Z1, K1, Z1    // dy*slope there
	VMOVUPS Z1, (R11)

nomask512:
	TESTL BX, BX
	JNZ   add512
	VMOVAPS Z1, Z0
	MOVL  $1, BX
	JMP   next512

add512:
	VADDPS Z1, Z0, Z0

next512:
	ADDQ R10, R11
	ADDQ R10, R12
	DECQ R13
	JNZ  rows512
	VMOVUPS Z0, (R8)
	ADDQ $64, DI
	ADDQ $64, SI
	ADDQ $64, R8
	DECQ CX
	JNZ  cols512

done512:
	VZEROUPPER
	RET

// func colSumsAVX2(dy, y, db []float32, rows, stride int, slope float32, mask bool)
// As colSumsAVX512 with blocks of 8 columns.
TEXT ·colSumsAVX2(SB), NOSPLIT, $0-93
	MOVQ dy_base+0(FP), DI
	MOVQ y_base+24(FP), SI
	MOVQ db_base+48(FP), R8
	MOVQ db_len+56(FP), CX
	MOVQ rows+72(FP), R9
	MOVQ stride+80(FP), R10
	SHLQ $2, R10
	VBROADCASTSS slope+88(FP), Y15
	MOVBLZX mask+92(FP), DX
	VXORPS Y14, Y14, Y14
	SHRQ $3, CX
	JZ   done2

cols2:
	MOVQ DI, R11
	MOVQ SI, R12
	MOVQ R9, R13
	XORL BX, BX

rows2:
	VMOVUPS (R11), Y1
	TESTL DX, DX
	JZ    nomask2
	VMOVUPS   (R12), Y2
	VCMPPS    $0x02, Y14, Y2, Y3 // y <= 0
	VMULPS    Y15, Y1, Y4
	VBLENDVPS Y3, Y4, Y1, Y1     // dy*slope there
	VMOVUPS   Y1, (R11)

nomask2:
	TESTL BX, BX
	JNZ   add2
	VMOVAPS Y1, Y0
	MOVL  $1, BX
	JMP   next2

add2:
	VADDPS Y1, Y0, Y0

next2:
	ADDQ R10, R11
	ADDQ R10, R12
	DECQ R13
	JNZ  rows2
	VMOVUPS Y0, (R8)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	DECQ CX
	JNZ  cols2

done2:
	VZEROUPPER
	RET

// func activateAVX512(x []float32, slope float32)
// x[i] = +0 (slope == 0) or x[i]*slope where x[i] < 0; NaN and -0 stay.
TEXT ·activateAVX512(SB), NOSPLIT, $0-28
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	VBROADCASTSS slope+24(FP), Z31
	MOVL slope+24(FP), DX
	ANDL $0x7fffffff, DX // slope == 0 (either sign) means ReLU
	VXORPS Z30, Z30, Z30
	SHRQ $4, CX
	JZ   done512
	TESTL DX, DX
	JNZ  leaky512

relu512:
	VMOVUPS    (DI), Z0
	VCMPPS     $0x15, Z30, Z0, K1 // !(x < 0), NaN included (NLT_UQ)
	VMOVAPS.Z  Z0, K1, Z0
	VMOVUPS    Z0, (DI)
	ADDQ       $64, DI
	DECQ       CX
	JNZ        relu512
	JMP        done512

leaky512:
	VMOVUPS (DI), Z0
	VCMPPS  $0x11, Z30, Z0, K1 // x < 0 (LT_OQ)
	VMULPS  Z31, Z0, K1, Z0
	VMOVUPS Z0, (DI)
	ADDQ    $64, DI
	DECQ    CX
	JNZ     leaky512

done512:
	VZEROUPPER
	RET

// func activateAVX2(x []float32, slope float32)
TEXT ·activateAVX2(SB), NOSPLIT, $0-28
	MOVQ x_base+0(FP), DI
	MOVQ x_len+8(FP), CX
	VBROADCASTSS slope+24(FP), Y15
	MOVL slope+24(FP), DX
	ANDL $0x7fffffff, DX
	VXORPS Y14, Y14, Y14
	SHRQ $3, CX
	JZ   done2
	TESTL DX, DX
	JNZ  leaky2

relu2:
	VMOVUPS (DI), Y0
	VCMPPS  $0x11, Y14, Y0, Y1 // x < 0
	VANDNPS Y0, Y1, Y0         // +0 there
	VMOVUPS Y0, (DI)
	ADDQ    $32, DI
	DECQ    CX
	JNZ     relu2
	JMP     done2

leaky2:
	VMOVUPS   (DI), Y0
	VCMPPS    $0x11, Y14, Y0, Y1
	VMULPS    Y15, Y0, Y2
	VBLENDVPS Y1, Y2, Y0, Y0
	VMOVUPS   Y0, (DI)
	ADDQ      $32, DI
	DECQ      CX
	JNZ       leaky2

done2:
	VZEROUPPER
	RET
