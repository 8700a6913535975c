#include "crypto/CanonicalBase64.h"

#include <array>

namespace budgetdesk {

namespace {

constexpr int Invalid = -1;

constexpr std::array<int, 256> makeDecodeTable()
{
    std::array<int, 256> table{};
    for (int &entry : table)
        entry = Invalid;
    constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        table[static_cast<unsigned char>(alphabet[i])] = i;
    return table;
}

constexpr std::array<int, 256> DecodeTable = makeDecodeTable();

} // namespace

std::optional<QByteArray> decodeCanonicalBase64(QByteArrayView text)
{
    const qsizetype length = text.size();
    if (length == 0 || length % 4 != 0)
        return std::nullopt;

    qsizetype padding = 0;
    if (text[length - 1] == '=')
        padding = text[length - 2] == '=' ? 2 : 1;

    QByteArray out;
    out.resize(length / 4 * 3 - padding);
    char *write = out.data();

    const qsizetype fullQuads = (length - (padding ? 4 : 0)) / 4;
    const auto *in = reinterpret_cast<const unsigned char *>(text.data());
    for (qsizetype q = 0; q < fullQuads; ++q, in += 4) {
        const int a = DecodeTable[in[0]], b = DecodeTable[in[1]], c = DecodeTable[in[2]], d = DecodeTable[in[3]];
        if ((a | b | c | d) < 0)
            return std::nullopt;
        const unsigned v = (unsigned(a) << 18) | (unsigned(b) << 12) | (unsigned(c) << 6) | unsigned(d);
        *write++ = char(v >> 16);
        *write++ = char(v >> 8);
        *write++ = char(v);
    }

    if (padding) {
        const int a = DecodeTable[in[0]], b = DecodeTable[in[1]];
        if ((a | b) < 0)
            return std::nullopt;
        if (padding == 2) {
            // "xy==": 12 bits carry 8; the low 4 bits of y must be zero to be canonical.
            if (b & 0x0F)
                return std::nullopt;
            *write++ = char((a << 2) | (b >> 4));
        } else {
            const int c = DecodeTable[in[2]];
            // "xyz=": 18 bits carry 16; the low 2 bits of z must be zero.
            if (c < 0 || (c & 0x03))
                return std::nullopt;
            const unsigned v = (unsigned(a) << 10) | (unsigned(b) << 4) | (unsigned(c) >> 2);
            *write++ = char(v >> 8);
            *write++ = char(v);
        }
    }
    return out;
}

} // namespace budgetdesk
