#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz entry point: the project's own fuzz/build.sh
# builds every target into $OUT with $CC, $CFLAGS and $LIB_FUZZING_ENGINE.
exec "$SRC/undis/fuzz/build.sh"
