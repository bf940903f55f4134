# SPDX-License-Identifier: Apache-2.0
# Install layout and the Debian package (docs/install.md).
#
#   cmake --install build/release --prefix /opt/idconform
#   (cd build/release && cpack -G DEB)
#
# <prefix>/bin/idconform finds its data in <prefix>/share/idconform (the
# relative path is compiled in, harness/cli/data_root.h), so the tree can be
# moved as a whole.
include(GNUInstallDirs)
set(IDC_DATADIR ${CMAKE_INSTALL_DATADIR}/idconform)

install(TARGETS idconform RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# What the binary reads at run time: vector sets and requirement catalogues,
# in the same layout as the source tree.
install(DIRECTORY vectors DESTINATION ${IDC_DATADIR})
file(GLOB IDC_CATALOGUES RELATIVE ${PROJECT_SOURCE_DIR}
     ${PROJECT_SOURCE_DIR}/suites/*/requirements.json)
foreach(catalogue ${IDC_CATALOGUES})
  get_filename_component(dir ${catalogue} DIRECTORY)
  install(FILES ${catalogue} DESTINATION ${IDC_DATADIR}/${dir})
endforeach()
# For readers and tools, not read by the binary: the HTML report templates
# (compiled in), the JSON schemas of its files and the JUnit schema its
# reports validate against, and the pytest plugin (docs/pytest.md).
install(DIRECTORY reports/html/templates/ DESTINATION ${IDC_DATADIR}/templates)
install(DIRECTORY docs/schemas/ DESTINATION ${IDC_DATADIR}/schemas)
install(FILES schemas/junit-10.xsd DESTINATION ${IDC_DATADIR}/schemas)
install(DIRECTORY python/ DESTINATION ${IDC_DATADIR}/python
        PATTERN __pycache__ EXCLUDE PATTERN "*.egg-info" EXCLUDE
        PATTERN build EXCLUDE)
install(FILES LICENSE CHANGELOG.md README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(IDC_PACKAGE_MAINTAINER "idconform maintainers <maintainers@idconform.invalid>"
    CACHE STRING "Maintainer field of the .deb")
set(CPACK_PACKAGE_NAME idconform)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "conformance tests for ISO/IEC 18013-5 mdoc/mDL wallets, readers and issuers")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${IDC_PACKAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Depends from the binary's real shared libraries (dpkg-shlibdeps, dpkg-dev).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The packaged binary without its symbol table (8.1 MB -> 7.1 MB).
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "python3-pytest")
include(CPack)
