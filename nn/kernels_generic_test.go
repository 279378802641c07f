//go:build !amd64 || noasm

package nn

type testKernel struct {
	name         string
	avx512, avx2 bool
}

func testKernels() []testKernel { return []testKernel{{name: "go"}} }
func useKernels(testKernel)     {}
func restoreKernels()           {}
