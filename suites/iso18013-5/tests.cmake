# SPDX-License-Identifier: Apache-2.0
# iso18013-5 suite: the vector generator, the suite's unit tests and the
# self-test (every suite against the reference and every mutant). Included
# by suites/CMakeLists.txt, so paths are relative to suites/.
add_executable(gen_iso_vectors
               ${CMAKE_CURRENT_SOURCE_DIR}/iso18013-5/tools/gen_iso_vectors.cpp)
target_link_libraries(gen_iso_vectors PRIVATE idc_suites)

idc_test(iso_suite_test
         SRCS ${CMAKE_CURRENT_SOURCE_DIR}/iso18013-5/mutate/vector_gen_test.cc
              ${CMAKE_CURRENT_SOURCE_DIR}/iso18013-5/suite_test.cc
         DEPS idc_suites)

# The self-test needs the idconform binary (harness/cli, configured after
# suites/); add_test resolves the target name at generate time.
add_test(NAME iso18013-5.selftest
         COMMAND idconform selftest --jobs 2
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(iso18013-5.selftest PROPERTIES
                     ENVIRONMENT "IDC_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
                     TIMEOUT 3600 LABELS "selftest")
