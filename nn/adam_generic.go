//go:build !amd64 || noasm

package nn

// adamChunk updates one chunk of the parameters (see adamGo).
func adamChunk(k *adamConsts, w, g, m, v []float32) { adamGo(k, w, g, m, v) }
