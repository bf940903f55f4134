# SPDX-License-Identifier: Apache-2.0
# Writes OUT: a C++ file holding every DIR/*.mustache as a raw string, so the
# binary renders reports without reading template files at run time.
#   cmake -DDIR=templates -DOUT=templates.cc -P embed_templates.cmake
file(GLOB files ${DIR}/*.mustache)
list(SORT files)
set(out "// Generated from reports/html/templates/*.mustache by\n")
string(APPEND out "// embed_templates.cmake; do not edit.\n")
string(APPEND out "#include \"reports/html/templates.h\"\n\nnamespace idc::reports::html {\n\n")
string(APPEND out "const std::map<std::string, std::string>& Templates() {\n")
string(APPEND out "  static const std::map<std::string, std::string> kTemplates = {\n")
foreach(file IN LISTS files)
  get_filename_component(name ${file} NAME_WE)
  file(READ ${file} content)
  string(FIND "${content}" ")idc_tpl" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw-string delimiter )idc_tpl")
  endif()
  string(APPEND out "      {\"${name}\", R\"idc_tpl(${content})idc_tpl\"},\n")
endforeach()
string(APPEND out "  };\n  return kTemplates;\n}\n\n}  // namespace idc::reports::html\n")
file(WRITE ${OUT}.tmp "${out}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
file(REMOVE ${OUT}.tmp)
