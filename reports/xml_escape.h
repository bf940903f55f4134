// SPDX-License-Identifier: Apache-2.0
// XmlEscape: text that is always well-formed XML 1.0, whatever the SUT sent.
//
// Escapes the five markup characters; characters XML 1.0 forbids (C0
// controls other than tab/newline/CR, U+FFFE/U+FFFF) and bytes that are not
// valid UTF-8 (overlong forms, surrogates, truncated sequences) become the
// visible text "\xNN" instead of breaking the document.
//
//   out << "<a m=\"" << XmlEscape(msg, /*attribute=*/true) << "\"/>";
#pragma once

#include <string>
#include <string_view>

namespace idc::reports {

// attribute=true also encodes tab, newline and CR as character references
// so attribute values keep them (parsers normalise them to spaces).
std::string XmlEscape(std::string_view text, bool attribute = false);

// Length of the valid, XML-legal UTF-8 sequence at text[i] (1 for ASCII), or
// 0 when the bytes there are not one; the HTML report shares the rule.
size_t Utf8SequenceLength(std::string_view text, size_t i);

// The same rule for formats that carry any Unicode (JSON): bytes that are not
// a valid sequence by Utf8SequenceLength become the text "\xNN"; everything
// else is kept as it is.
std::string ValidUtf8Text(std::string_view text);

}  // namespace idc::reports
