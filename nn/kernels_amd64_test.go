//go:build !noasm

package nn

import "golang.org/x/sys/cpu"

// testKernel names one set of CPU features whose kernels the tests run.
type testKernel struct {
	name         string
	avx512, avx2 bool
}

// testKernels lists the kernel sets this CPU can run, pure Go included.
func testKernels() []testKernel {
	ks := []testKernel{{name: "go"}}
	if cpu.X86.HasAVX2 {
		ks = append(ks, testKernel{name: "avx2", avx2: true})
	}
	if cpu.X86.HasAVX512F {
		ks = append(ks, testKernel{name: "avx512", avx512: true})
	}
	return ks
}

// useKernels selects the kernels of k everywhere; restoreKernels undoes it.
func useKernels(k testKernel) {
	setAdamKernel(k.avx512, k.avx2)
	setBCEKernel(k.avx512, k.avx2)
	setPassKernels(k.avx512, k.avx2)
	setNormKernel(k.avx512, k.avx2)
}

func restoreKernels() {
	useKernels(testKernel{avx512: cpu.X86.HasAVX512F, avx2: cpu.X86.HasAVX2})
}
