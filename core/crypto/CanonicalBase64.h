#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace budgetdesk {

// Strict decoder for standard (RFC 4648 §4) Base64: padded, no whitespace, no other
// alphabet, unused trailing bits zero. Anything else is rejected rather than repaired, so a
// `WECHATPAY/SIGNTEST/` probe or a mangled signature can never decode into something that
// is then verified.
std::optional<QByteArray> decodeCanonicalBase64(QByteArrayView text);

} // namespace budgetdesk
