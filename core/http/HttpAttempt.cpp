#include "http/HttpAttempt.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace budgetdesk {

namespace {

bool isTls(const QUrl &url)
{
    return url.scheme() == QLatin1String("https");
}

QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // an IPv6 literal
    const int defaultPort = isTls(url) ? 443 : 80;
    if (url.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

} // namespace

HttpAttempt::HttpAttempt(Request request, Settings settings, QObject *parent)
    : QObject(parent)
    , m_request(std::move(request))
    , m_settings(std::move(settings))
    , m_parser(HttpMessageParser::Kind::Response, m_settings.answerLimits)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        fail(m_sent ? NetworkFailure::Kind::TimeoutAfterSending : NetworkFailure::Kind::TimeoutBeforeSending,
             QStringLiteral("no answer within %1 ms").arg(m_settings.timeoutMs));
    });
}

HttpAttempt::~HttpAttempt()
{
    releaseSocket();
}

// The socket may be inside one of its own signals: it is detached from this object first, so
// that deleting this object cannot delete the socket under its own feet.
void HttpAttempt::releaseSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    socket->disconnect(this);
    socket->abort();
    socket->setParent(nullptr);
    socket->deleteLater();
}

QByteArray HttpAttempt::serialize(const Request &request)
{
    QByteArray wire
        = request.method + ' ' + request.target + " HTTP/1.1\r\nHost: " + hostHeader(request.baseUrl) + "\r\n";
    for (const auto &[name, value] : request.headers)
        wire += name + ": " + value + "\r\n";
    if (!request.body.isEmpty() || request.method != "GET")
        wire += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    // One request per connection: nothing is ever written on a connection a server may be
    // closing, so a close after sending always means "maybe delivered", never "stale".
    wire += "Connection: close\r\n\r\n" + request.body;
    return wire;
}

void HttpAttempt::start()
{
    m_wire = serialize(m_request);
    m_deadline.start(m_settings.timeoutMs);
    const QUrl &url = m_request.baseUrl;
    const QString host = url.host();
    if (isTls(url)) {
        auto *socket = new QSslSocket(this);
        if (m_settings.ssl)
            socket->setSslConfiguration(*m_settings.ssl);
        // Remembered for the failure's reason; never ignored.
        connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
        connect(socket, &QSslSocket::encrypted, this, &HttpAttempt::onConnected);
        m_socket = socket;
        connect(m_socket, &QAbstractSocket::errorOccurred, this, &HttpAttempt::onSocketError);
        connect(m_socket, &QAbstractSocket::disconnected, this, &HttpAttempt::onDisconnected);
        connect(m_socket, &QIODevice::readyRead, this, &HttpAttempt::onReadyRead);
        connect(m_socket, &QIODevice::bytesWritten, this, &HttpAttempt::onBytesWritten);
        socket->connectToHostEncrypted(host, quint16(url.port(443)));
        return;
    }
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QAbstractSocket::connected, this, &HttpAttempt::onConnected);
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &HttpAttempt::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &HttpAttempt::onDisconnected);
    connect(m_socket, &QIODevice::readyRead, this, &HttpAttempt::onReadyRead);
    connect(m_socket, &QIODevice::bytesWritten, this, &HttpAttempt::onBytesWritten);
    m_socket->connectToHost(host, quint16(url.port(80)));
}

void HttpAttempt::onConnected()
{
    // Written once, whatever signals a socket may repeat.
    if (m_finished || m_writeStarted)
        return;
    m_writeStarted = true;
    m_socket->write(m_wire);
}

void HttpAttempt::onBytesWritten(qint64 bytes)
{
    m_written += bytes;
    // Only a complete request can be acted on; a part of one cannot.
    if (m_written >= m_wire.size() && !m_sent) {
        m_sent = true;
        Q_EMIT requestSent();
    }
}

void HttpAttempt::onReadyRead()
{
    readAvailable();
}

void HttpAttempt::readAvailable()
{
    if (m_finished || !m_socket)
        return;
    const QByteArray data = m_socket->readAll();
    if (!data.isEmpty())
        m_sent = true; // an answer means the whole request arrived
    m_parser.feed(data);
    if (m_parser.hasFailed()) {
        const bool tooLarge = m_parser.error() == HttpMessageParser::Error::BodyTooLarge
            || m_parser.error() == HttpMessageParser::Error::HeadersTooLarge;
        fail(tooLarge ? NetworkFailure::Kind::AnswerTooLarge : NetworkFailure::Kind::MalformedAnswer,
             QString::fromLatin1(HttpMessageParser::errorName(m_parser.error())));
    } else if (m_parser.isComplete()) {
        finish();
    }
}

void HttpAttempt::onDisconnected()
{
    if (m_finished)
        return;
    const QPointer<HttpAttempt> alive(this);
    readAvailable();
    if (!alive || m_finished)
        return;
    m_parser.finishAtEndOfStream();
    if (m_parser.isComplete()) {
        finish();
        return;
    }
    const bool sent = m_sent || m_parser.hasStarted();
    fail(sent ? NetworkFailure::Kind::ClosedAfterSending : NetworkFailure::Kind::ClosedBeforeSending,
         m_parser.hasStarted() ? QStringLiteral("the connection closed in the middle of the answer")
                               : QStringLiteral("the connection closed without an answer"));
}

NetworkFailure::Kind HttpAttempt::tlsFailureKind() const
{
    using K = NetworkFailure::Kind;
    // Dates first: a wrong clock on this computer is the commonest cause, and the easiest to fix.
    for (const QSslError &error : m_sslErrors) {
        if (error.error() == QSslError::CertificateExpired || error.error() == QSslError::CertificateNotYetValid)
            return K::TlsExpired;
    }
    for (const QSslError &error : m_sslErrors) {
        if (error.error() == QSslError::HostNameMismatch)
            return K::TlsHostMismatch;
    }
    return m_sslErrors.isEmpty() ? K::TlsHandshake : K::TlsUntrusted;
}

void HttpAttempt::onSocketError()
{
    if (m_finished || !m_socket)
        return;
    using K = NetworkFailure::Kind;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    QString detail = m_socket->errorString();
    switch (error) {
    case QAbstractSocket::HostNotFoundError:
        fail(K::HostNotFound, detail);
        return;
    case QAbstractSocket::ConnectionRefusedError:
        fail(K::ConnectionRefused, detail);
        return;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInvalidUserDataError:
    case QAbstractSocket::SslInternalError: {
        if (m_writeStarted) {
            // A TLS error once the handshake was done and the request on its way (a broken
            // record, a truncated stream) is a lost connection, not "nothing was sent".
            const QPointer<HttpAttempt> alive(this);
            readAvailable();
            if (alive && !m_finished)
                fail(m_sent || m_parser.hasStarted() ? K::ClosedAfterSending : K::Other, detail);
            return;
        }
        QStringList reasons;
        for (const QSslError &sslError : std::as_const(m_sslErrors))
            reasons << sslError.errorString();
        if (!reasons.isEmpty())
            detail = reasons.join(QStringLiteral("; "));
        fail(tlsFailureKind(), detail);
        return;
    }
    case QAbstractSocket::SocketTimeoutError:
        fail(m_sent ? K::TimeoutAfterSending : K::TimeoutBeforeSending, detail);
        return;
    default:
        break;
    }
    const QPointer<HttpAttempt> alive(this);
    readAvailable();
    if (alive && !m_finished)
        fail(K::Other, detail);
}

void HttpAttempt::cancel()
{
    if (!m_finished)
        fail(NetworkFailure::Kind::Cancelled, QStringLiteral("cancelled"));
}

void HttpAttempt::fail(NetworkFailure::Kind kind, const QString &detail)
{
    if (m_finished)
        return;
    m_failure = NetworkFailure{kind, detail, m_sent, m_request.baseUrl.host()};
    finish();
}

void HttpAttempt::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_deadline.stop();
    releaseSocket();
    Q_EMIT finished(); // the receiver may delete this object: nothing after this line
}

} // namespace budgetdesk
