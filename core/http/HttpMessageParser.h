#pragma once

#include "auth/HttpHeaders.h"

#include <QByteArray>
#include <QByteArrayView>

namespace budgetdesk {

// One HTTP/1.1 message (a request or a response) read incrementally from a connection, within
// limits: the start line and headers together, and the body, are capped, so that a hostile or
// broken peer (an endless body, a header flood, a chunk size of 2^60) costs bounded memory and
// ends with a named error instead. Shared by BudgetDesk's client transport and the simulator's
// server, so both read the wire the same strict way.
class HttpMessageParser
{
public:
    enum class Kind { Request, Response };

    struct Limits
    {
        qsizetype headerBytes = 64 * 1024; // start line + headers
        int headerCount = 100;
        qsizetype bodyBytes = 1024 * 1024;
    };

    enum class Error {
        None,
        Malformed, // not HTTP/1.x as RFC 9112 writes it
        HeadersTooLarge,
        BodyTooLarge,
        UnsupportedTransferEncoding, // anything but chunked
        Truncated, // the connection ended inside the message
    };

    explicit HttpMessageParser(Kind kind);
    HttpMessageParser(Kind kind, Limits limits);

    // Reads from `data`; returns how many bytes belong to this message (the rest, if any, is
    // the start of the next one on a kept-alive connection). Stops at completion or error.
    qsizetype feed(QByteArrayView data);
    // The peer closed the connection: a response without a length ends here; anything else
    // still unfinished is Truncated.
    void finishAtEndOfStream();
    // A response to HEAD has no body whatever its headers say.
    void expectNoBody() { m_noBody = true; }

    bool isComplete() const { return m_state == State::Complete; }
    bool hasFailed() const { return m_state == State::Failed; }
    bool hasStarted() const { return m_received > 0; }
    bool headersComplete() const { return m_state > State::Headers; }
    Error error() const { return m_error; }
    static const char *errorName(Error error);

    // Request start line.
    const QByteArray &method() const { return m_method; }
    const QByteArray &target() const { return m_target; } // exactly as sent, still percent-encoded
    // Response start line.
    int status() const { return m_status; }
    const QByteArray &version() const { return m_version; }

    const HttpHeaders &headers() const { return m_headers; }
    const QByteArray &body() const { return m_body; }
    // HTTP/1.1 without `Connection: close`, or HTTP/1.0 with `Connection: keep-alive`.
    bool keepAlive() const;
    // The declared Content-Length, when one was given (e.g. to refuse it before reading it).
    qsizetype declaredLength() const { return m_contentLength; }

private:
    enum class State {
        StartLine,
        Headers,
        Body,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Complete,
        Failed
    };

    bool takeLine(QByteArrayView data, qsizetype &position, QByteArray &line);
    void fail(Error error);
    void parseStartLine(const QByteArray &line);
    void parseHeaderLine(const QByteArray &line);
    void headersDone();
    bool appendBody(QByteArrayView bytes);

    Kind m_kind;
    Limits m_limits;
    State m_state = State::StartLine;
    Error m_error = Error::None;
    bool m_noBody = false;

    QByteArray m_line; // a line not yet ended by LF
    qsizetype m_headerBytes = 0;
    int m_interimAnswers = 0;
    qsizetype m_received = 0;
    qsizetype m_remaining = 0; // of the body or the current chunk
    qsizetype m_contentLength = -1;
    bool m_chunked = false;

    QByteArray m_method;
    QByteArray m_target;
    QByteArray m_version;
    int m_status = 0;
    HttpHeaders m_headers;
    QByteArray m_body;
};

} // namespace budgetdesk
