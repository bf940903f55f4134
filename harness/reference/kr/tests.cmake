# SPDX-License-Identifier: Apache-2.0
# Unit tests of the KR reference parts (included by ../CMakeLists.txt).
idc_test(kr_reference_test
  SRCS kr/sp_test.cc kr/holder_test.cc kr/ble_peer_test.cc kr/loopback_test.cc
  DEPS idc_reference)
