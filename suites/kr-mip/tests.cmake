# SPDX-License-Identifier: Apache-2.0
# kr-mip self-test (included by suites/CMakeLists.txt): the suite against
# builtin:reference must pass, and every KR mutant must be killed.
if(TARGET idc_adapter)
  idc_test(kr_suite_test SRCS kr-mip/kr_selftest_test.cc
           DEPS idc_suites idc_adapter idc_reference)
endif()
