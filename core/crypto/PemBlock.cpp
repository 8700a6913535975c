#include "crypto/PemBlock.h"

namespace budgetdesk {

namespace {

constexpr QByteArrayView BeginMarker("-----BEGIN ");
constexpr QByteArrayView EndMarker("-----END ");
constexpr QByteArrayView Dashes("-----");

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

QByteArray withoutWhitespace(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (char c : text) {
        if (!isSpace(c))
            out.append(c);
    }
    return out;
}

// Splits the text between the BEGIN and END lines into RFC 1421 headers and Base64.
void splitBody(QByteArrayView body, QByteArrayList &headers, QByteArray &base64)
{
    bool inHeaders = true;
    for (QByteArrayView line : QByteArray::fromRawData(body.data(), body.size()).split('\n')) {
        const QByteArray trimmed = line.toByteArray().trimmed();
        if (trimmed.isEmpty())
            continue;
        if (inHeaders && trimmed.contains(':')) {
            headers.append(trimmed);
            continue;
        }
        inHeaders = false;
        base64.append(withoutWhitespace(trimmed));
    }
}

QByteArray rebuild(const QByteArray &label, const QByteArrayList &headers, const QByteArray &base64)
{
    QByteArray pem = "-----BEGIN " + label + "-----\n";
    for (const QByteArray &header : headers)
        pem += header + '\n';
    if (!headers.isEmpty())
        pem += '\n';
    for (qsizetype i = 0; i < base64.size(); i += 64)
        pem += base64.mid(i, 64) + '\n';
    pem += "-----END " + label + "-----\n";
    return pem;
}

} // namespace

QList<PemBlock> PemBlock::parseAll(QByteArrayView text)
{
    QByteArray normalised = text.toByteArray();
    normalised.replace("\r\n", "\n").replace('\r', '\n');

    QList<PemBlock> blocks;
    qsizetype from = 0;
    while (true) {
        const qsizetype begin = normalised.indexOf(BeginMarker, from);
        if (begin < 0)
            break;
        const qsizetype labelStart = begin + BeginMarker.size();
        const qsizetype labelEnd = normalised.indexOf(Dashes, labelStart);
        if (labelEnd < 0)
            break;
        const QByteArray label = normalised.mid(labelStart, labelEnd - labelStart).simplified();
        const qsizetype bodyStart = labelEnd + Dashes.size();
        const QByteArray endLine = EndMarker.toByteArray() + label + Dashes.toByteArray();
        const qsizetype end = normalised.indexOf(endLine, bodyStart);
        if (label.isEmpty() || end < 0) {
            from = bodyStart;
            continue;
        }

        QByteArrayList headers;
        QByteArray base64;
        splitBody(QByteArrayView(normalised).sliced(bodyStart, end - bodyStart), headers, base64);

        PemBlock block;
        block.label = label;
        block.canonical = rebuild(label, headers, base64);
        for (const QByteArray &header : headers)
            block.hasEncryptionHeader |= header.startsWith("Proc-Type:") && header.contains("ENCRYPTED");
        blocks.append(std::move(block));
        from = end + endLine.size();
    }
    return blocks;
}

} // namespace budgetdesk
