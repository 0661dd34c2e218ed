#ifndef CLINALG_SHIM_H
#define CLINALG_SHIM_H
// Debian's LAPACK 3.11 lapacke.h includes lapack.h, which defines
// lapack_complex_double as C99 `double _Complex` unless already defined, and
// Swift imports `double _Complex *` only as OpaquePointer. Defining the complex
// types as structs first makes every LAPACKE prototype importable.
typedef struct { double re, im; } clinalg_complex_double;
typedef struct { float re, im; } clinalg_complex_float;
#define lapack_complex_double clinalg_complex_double
#define lapack_complex_float clinalg_complex_float
#include <cblas.h>
#include <lapacke.h>
#endif
