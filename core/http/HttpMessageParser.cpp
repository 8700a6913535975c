#include "http/HttpMessageParser.h"

namespace budgetdesk {

namespace {

constexpr qsizetype MaximumChunkLineBytes = 4096;
constexpr int MaximumInterimAnswers = 5;
// 15 hex digits stay below 2^60: no overflow on the way to the body cap check.
constexpr qsizetype MaximumChunkSizeDigits = 15;

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        const bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

std::optional<qsizetype> hexValue(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > MaximumChunkSizeDigits)
        return std::nullopt;
    qsizetype value = 0;
    for (char c : text) {
        int digit;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            return std::nullopt;
        value = value * 16 + digit;
    }
    return value;
}

} // namespace

HttpMessageParser::HttpMessageParser(Kind kind)
    : HttpMessageParser(kind, Limits())
{ }

HttpMessageParser::HttpMessageParser(Kind kind, Limits limits)
    : m_kind(kind)
    , m_limits(limits)
{ }

const char *HttpMessageParser::errorName(Error error)
{
    switch (error) {
    case Error::None:
        return "none";
    case Error::Malformed:
        return "malformed";
    case Error::HeadersTooLarge:
        return "headers_too_large";
    case Error::BodyTooLarge:
        return "body_too_large";
    case Error::UnsupportedTransferEncoding:
        return "unsupported_transfer_encoding";
    case Error::Truncated:
        return "truncated";
    }
    return "unknown";
}

void HttpMessageParser::fail(Error error)
{
    m_state = State::Failed;
    m_error = error;
}

bool HttpMessageParser::keepAlive() const
{
    const QByteArray connection = findHeader(m_headers, "Connection").value_or(QByteArray()).toLower();
    if (m_version == "HTTP/1.0")
        return connection.contains("keep-alive");
    return !connection.contains("close");
}

// Takes one line ending in LF (a CR before it is dropped) out of data[position…], carrying a
// partial line over to the next feed. Lines in the head count against the header limit.
bool HttpMessageParser::takeLine(QByteArrayView data, qsizetype &position, QByteArray &line)
{
    const bool inHead = m_state == State::StartLine || m_state == State::Headers || m_state == State::Trailers;
    const qsizetype limit = inHead ? m_limits.headerBytes : MaximumChunkLineBytes;
    const qsizetype newline = data.indexOf('\n', position);
    const qsizetype end = newline < 0 ? data.size() : newline + 1;
    const qsizetype taken = end - position;
    if (inHead) {
        m_headerBytes += taken;
        if (m_headerBytes > limit) {
            fail(Error::HeadersTooLarge);
            position = end;
            return false;
        }
    } else if (m_line.size() + taken > limit) {
        fail(Error::Malformed);
        position = end;
        return false;
    }
    m_line.append(data.sliced(position, taken));
    position = end;
    if (newline < 0)
        return false;
    line = std::move(m_line);
    m_line.clear();
    line.chop(1);
    if (line.endsWith('\r'))
        line.chop(1);
    return true;
}

void HttpMessageParser::parseStartLine(const QByteArray &line)
{
    if (line.isEmpty() && m_kind == Kind::Request)
        return; // RFC 9112 §2.2: a server ignores empty lines before a request line
    const QList<QByteArray> parts = line.split(' ');
    if (m_kind == Kind::Request) {
        if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty() || !parts[2].startsWith("HTTP/1.")) {
            fail(Error::Malformed);
            return;
        }
        for (char c : parts[1]) {
            if (c <= ' ' || c == 0x7f) {
                fail(Error::Malformed);
                return;
            }
        }
        m_method = parts[0];
        m_target = parts[1];
        m_version = parts[2];
    } else {
        // "HTTP/1.1 200 OK"; the reason phrase may be empty or contain spaces.
        if (parts.size() < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].size() != 3 || !isDigits(parts[1])) {
            fail(Error::Malformed);
            return;
        }
        m_version = parts[0];
        m_status = parts[1].toInt();
        if (m_status < 100) {
            fail(Error::Malformed);
            return;
        }
    }
    m_state = State::Headers;
}

void HttpMessageParser::parseHeaderLine(const QByteArray &line)
{
    if (line.isEmpty()) {
        headersDone();
        return;
    }
    if (line.front() == ' ' || line.front() == '\t') { // obsolete line folding: refused (RFC 9112 §5.2)
        fail(Error::Malformed);
        return;
    }
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
        fail(Error::Malformed);
        return;
    }
    if (m_headers.size() >= m_limits.headerCount) {
        fail(Error::HeadersTooLarge);
        return;
    }
    m_headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
}

void HttpMessageParser::headersDone()
{
    if (m_kind == Kind::Response && m_status < 200) {
        // An interim answer (100 Continue): the real one follows, within the same header
        // budget and after a handful at most. 101 would switch protocols: not an API's answer.
        if (m_status == 101 || ++m_interimAnswers > MaximumInterimAnswers) {
            fail(Error::Malformed);
            return;
        }
        m_headers.clear();
        m_state = State::StartLine;
        return;
    }
    const bool noBody = m_noBody || (m_kind == Kind::Response && (m_status == 204 || m_status == 304));

    bool lengthSeen = false;
    for (const auto &[name, value] : m_headers) {
        if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0) {
            if (value.trimmed().compare("chunked", Qt::CaseInsensitive) != 0) {
                fail(Error::UnsupportedTransferEncoding);
                return;
            }
            m_chunked = true;
        } else if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) {
            const QByteArray digits = value.trimmed();
            // 18 digits cannot overflow qint64; anything that long is over the cap anyway.
            if (!isDigits(digits) || digits.size() > 18) {
                fail(isDigits(digits) ? Error::BodyTooLarge : Error::Malformed);
                return;
            }
            const qsizetype length = digits.toLongLong();
            if (lengthSeen && length != m_contentLength) {
                fail(Error::Malformed);
                return;
            }
            lengthSeen = true;
            m_contentLength = length;
        }
    }
    // Both at once is how request smuggling starts: a request with both is refused; for an
    // answer, chunked wins (RFC 9112 §6.3).
    if (m_chunked && lengthSeen && m_kind == Kind::Request) {
        fail(Error::Malformed);
        return;
    }
    if (noBody) {
        m_state = State::Complete;
        return;
    }
    if (m_chunked) {
        m_state = State::ChunkSize;
        return;
    }
    if (lengthSeen) {
        if (m_contentLength > m_limits.bodyBytes) {
            fail(Error::BodyTooLarge);
            return;
        }
        m_remaining = m_contentLength;
        m_body.reserve(m_contentLength);
        m_state = m_remaining == 0 ? State::Complete : State::Body;
        return;
    }
    // No length: a request has no body; an answer runs until the connection closes.
    m_state = m_kind == Kind::Request ? State::Complete : State::UntilClose;
}

bool HttpMessageParser::appendBody(QByteArrayView bytes)
{
    if (m_body.size() + bytes.size() > m_limits.bodyBytes) {
        fail(Error::BodyTooLarge);
        return false;
    }
    m_body.append(bytes);
    return true;
}

qsizetype HttpMessageParser::feed(QByteArrayView data)
{
    qsizetype position = 0;
    while (position < data.size() && m_state != State::Complete && m_state != State::Failed) {
        switch (m_state) {
        case State::StartLine:
        case State::Headers:
        case State::Trailers: {
            QByteArray line;
            if (!takeLine(data, position, line))
                break;
            if (m_state == State::StartLine)
                parseStartLine(line);
            else if (m_state == State::Headers)
                parseHeaderLine(line);
            else if (line.isEmpty())
                m_state = State::Complete; // trailers are read and dropped
            break;
        }
        case State::Body:
        case State::ChunkData: {
            const qsizetype take = qMin(m_remaining, data.size() - position);
            if (!appendBody(data.sliced(position, take)))
                break;
            position += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = m_state == State::Body ? State::Complete : State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            QByteArray line;
            if (!takeLine(data, position, line))
                break;
            if (!line.isEmpty())
                fail(Error::Malformed);
            else
                m_state = State::ChunkSize;
            break;
        }
        case State::ChunkSize: {
            QByteArray line;
            if (!takeLine(data, position, line))
                break;
            const qsizetype extension = line.indexOf(';');
            const std::optional<qsizetype> size
                = hexValue(line.left(extension < 0 ? line.size() : extension).trimmed());
            if (!size) {
                fail(Error::Malformed);
                break;
            }
            if (m_body.size() + *size > m_limits.bodyBytes) {
                fail(Error::BodyTooLarge);
                break;
            }
            m_remaining = *size;
            m_state = *size == 0 ? State::Trailers : State::ChunkData;
            break;
        }
        case State::UntilClose: {
            if (!appendBody(data.sliced(position)))
                break;
            position = data.size();
            break;
        }
        case State::Complete:
        case State::Failed:
            break;
        }
    }
    m_received += position;
    return position;
}

void HttpMessageParser::finishAtEndOfStream()
{
    if (m_state == State::UntilClose)
        m_state = State::Complete;
    else if (m_state != State::Complete && m_state != State::Failed)
        fail(Error::Truncated);
}

} // namespace budgetdesk
