package trainer

import (
	"encoding/binary"
	"math"
	"unsafe"
)

// nativeLittle reports whether this machine stores a float32 as a
// checkpoint does (little-endian).
var nativeLittle = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// decodeFloats fills dst from the little-endian float32s at the start of
// src, which holds at least 4*len(dst) bytes. On a little-endian machine
// the bytes are the floats already: one memmove instead of a conversion
// per value (a checkpoint of the default model holds 3.3 million).
func decodeFloats(dst []float32, src []byte) {
	src = src[:4*len(dst)]
	if nativeLittle {
		copy(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(dst))), len(src)), src)
		return
	}
	for i := range dst {
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))
	}
}
