//go:build amd64 && !noasm

#include "textflag.h"

// Streaming loops for StreamGBs. SSE (baseline amd64), 64 bytes (one cache
// line) per iteration: two 16-byte loads a cycle is far beyond any core's
// share of DRAM bandwidth, so wider vectors would change nothing.

// func sum16(s []float32) float32
TEXT ·sum16(SB), NOSPLIT, $0-28
	MOVQ s_base+0(FP), SI
	MOVQ s_len+8(FP), CX
	SHRQ $4, CX
	XORPS X0, X0
	XORPS X1, X1
	XORPS X2, X2
	XORPS X3, X3
	TESTQ CX, CX
	JZ   reduce

loop:
	MOVUPS 0(SI), X4
	ADDPS  X4, X0
	MOVUPS 16(SI), X5
	ADDPS  X5, X1
	MOVUPS 32(SI), X6
	ADDPS  X6, X2
	MOVUPS 48(SI), X7
	ADDPS  X7, X3
	ADDQ   $64, SI
	DECQ   CX
	JNZ    loop

reduce:
	ADDPS   X1, X0
	ADDPS   X3, X2
	ADDPS   X2, X0
	MOVHLPS X0, X1     // X1[0:2] = X0[2:4]
	ADDPS   X1, X0
	PSHUFD  $1, X0, X1 // X1[0] = X0[1]
	ADDSS   X1, X0
	MOVSS   X0, ret+24(FP)
	RET

// func axpb16(s []float32, a, b float32)
TEXT ·axpb16(SB), NOSPLIT, $0-32
	MOVQ   s_base+0(FP), SI
	MOVQ   s_len+8(FP), CX
	SHRQ   $4, CX
	MOVSS  a+24(FP), X8
	SHUFPS $0, X8, X8
	MOVSS  b+28(FP), X9
	SHUFPS $0, X9, X9
	TESTQ  CX, CX
	JZ     done

loop:
	MOVUPS 0(SI), X0
	MOVUPS 16(SI), X1
	MOVUPS 32(SI), X2
	MOVUPS 48(SI), X3
	MULPS  X8, X0
	MULPS  X8, X1
	MULPS  X8, X2
	MULPS  X8, X3
	ADDPS  X9, X0
	ADDPS  X9, X1
	ADDPS  X9, X2
	ADDPS  X9, X3
	MOVUPS X0, 0(SI)
	MOVUPS X1, 16(SI)
	MOVUPS X2, 32(SI)
	MOVUPS X3, 48(SI)
	ADDQ   $64, SI
	DECQ   CX
	JNZ    loop

done:
	RET
