#include "simulator/LoopbackHttpServer.h"

#include "http/HttpMessageParser.h"

#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace budgetdesk::sim {

namespace {

constexpr qint64 EndlessChunkBytes = 64 * 1024;
constexpr qint64 EndlessBufferedBytes = 256 * 1024;
constexpr qint64 EndlessLimitBytes = qint64(1) << 30; // the server's own safety stop
// After a refused request, what the client still sends is read and dropped for this long, so
// that it sees the answer instead of a reset.
constexpr int DiscardMs = 2000;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 204:
        return "No Content";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 413:
        return "Content Too Large";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

// One client connection: requests one after another (pipelined ones wait their turn), each
// answered through the server's handler.
class HttpServerConnection : public QObject
{
public:
    HttpServerConnection(LoopbackHttpServer &server, QTcpSocket *socket)
        : QObject(&server)
        , m_server(server)
        , m_socket(socket)
    {
        socket->setParent(this);
        ++m_server.m_openConnections;
        resetParser();
        m_idle.setSingleShot(true);
        connect(&m_idle, &QTimer::timeout, this, [this] {
            if (!m_busy)
                close();
        });
        connect(socket, &QIODevice::readyRead, this, [this] { onReadyRead(); });
        connect(socket, &QIODevice::bytesWritten, this, [this] { onBytesWritten(); });
        connect(socket, &QAbstractSocket::disconnected, this, [this] { deleteLater(); });
        m_idle.start(m_server.limits().idleTimeoutMs);
        onReadyRead();
    }

    ~HttpServerConnection() override { --m_server.m_openConnections; }

private:
    void resetParser()
    {
        HttpMessageParser::Limits limits;
        limits.headerBytes = m_server.limits().requestHeaderBytes;
        limits.bodyBytes = m_server.limits().requestBodyBytes;
        m_parser = std::make_unique<HttpMessageParser>(HttpMessageParser::Kind::Request, limits);
    }

    void onReadyRead()
    {
        if (!m_socket)
            return;
        m_idle.start(m_server.limits().idleTimeoutMs);
        const QByteArray data = m_socket->readAll();
        if (m_discarding)
            return;
        m_input.append(data);
        // What waits behind an answer being delayed is bounded like any request.
        const HttpServerLimits &limits = m_server.limits();
        if (m_input.size() > limits.requestHeaderBytes + limits.requestBodyBytes) {
            m_socket->abort();
            deleteLater();
            return;
        }
        processInput();
    }

    void processInput()
    {
        while (!m_busy && !m_input.isEmpty() && m_socket) {
            const qsizetype used = m_parser->feed(m_input);
            m_input.remove(0, used);
            if (m_parser->hasFailed()) {
                refuse();
                return;
            }
            if (!m_parser->isComplete())
                return;
            SimRequest request;
            request.method = m_parser->method();
            request.target = m_parser->target();
            request.headers = m_parser->headers();
            request.body = m_parser->body();
            m_keepAlive = m_parser->keepAlive();
            resetParser();
            m_busy = true;
            const SimResponse response = m_server.m_handler(request);
            if (response.delayMilliseconds > 0) {
                QTimer::singleShot(response.delayMilliseconds, this, [this, response] { deliver(response); });
                return;
            }
            deliver(response);
        }
    }

    // A request that is not HTTP, or too large: answered, then the connection ends.
    void refuse()
    {
        using E = HttpMessageParser::Error;
        const E error = m_parser->error();
        SimResponse response = error == E::BodyTooLarge
            ? SimResponse::error(413, "INVALID_REQUEST",
                                 QStringLiteral("请求体超过 %1 字节").arg(m_server.limits().requestBodyBytes))
            : error == E::HeadersTooLarge
            ? SimResponse::error(431, "INVALID_REQUEST", QStringLiteral("请求头过大"))
            : SimResponse::error(400, "INVALID_REQUEST", QStringLiteral("HTTP 请求格式错误"));
        m_keepAlive = false;
        m_discarding = true;
        m_input.clear();
        m_busy = true;
        write(response);
        QTimer::singleShot(DiscardMs, this, [this] { close(); });
    }

    void deliver(const SimResponse &response)
    {
        if (!m_socket)
            return;
        switch (response.delivery) {
        case SimResponse::Delivery::DropConnection:
            m_socket->abort();
            deleteLater();
            Q_EMIT m_server.answered(); // a receiver may delete the server and this with it
            return;
        case SimResponse::Delivery::EndlessBody: {
            QByteArray head
                = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
            for (const auto &[name, value] : response.headers)
                head += name + ": " + value + "\r\n";
            head += "Transfer-Encoding: chunked\r\n\r\n";
            m_socket->write(head);
            m_endless = true;
            const QPointer<HttpServerConnection> alive(this);
            Q_EMIT m_server.answered();
            if (alive)
                onBytesWritten();
            return;
        }
        case SimResponse::Delivery::Answer:
            break;
        }
        write(response);
        const QPointer<HttpServerConnection> alive(this);
        Q_EMIT m_server.answered();
        if (!alive)
            return;
        if (!m_keepAlive || m_discarding) {
            m_closeWhenWritten = true;
            onBytesWritten();
            return;
        }
        m_busy = false;
        m_idle.start(m_server.limits().idleTimeoutMs);
        processInput(); // a pipelined request may be waiting
    }

    void write(const SimResponse &response)
    {
        QByteArray wire
            = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
        for (const auto &[name, value] : response.headers)
            wire += name + ": " + value + "\r\n";
        wire += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        wire += m_keepAlive && !m_discarding ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
        wire += "\r\n" + response.body;
        m_socket->write(wire);
        // Out of Qt's buffer now, so that an exit right after the last answer loses nothing.
        m_socket->flush();
    }

    void onBytesWritten()
    {
        if (!m_socket)
            return;
        m_idle.start(m_server.limits().idleTimeoutMs);
        if (m_endless) {
            while (m_socket->bytesToWrite() < EndlessBufferedBytes && m_endlessSent < EndlessLimitBytes) {
                const QByteArray chunk(EndlessChunkBytes, 'x');
                m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
                m_endlessSent += chunk.size();
            }
            return;
        }
        if (m_closeWhenWritten && m_socket->bytesToWrite() == 0 && !m_discarding)
            close();
    }

    void close()
    {
        if (m_socket) {
            m_socket->disconnectFromHost();
            if (m_socket && m_socket->state() != QAbstractSocket::UnconnectedState)
                QTimer::singleShot(1000, m_socket, [socket = m_socket] { socket->abort(); });
        }
    }

    LoopbackHttpServer &m_server;
    QPointer<QTcpSocket> m_socket;
    std::unique_ptr<HttpMessageParser> m_parser;
    QByteArray m_input;
    QTimer m_idle;
    bool m_busy = false; // a request is being answered; later ones wait
    bool m_keepAlive = true;
    bool m_discarding = false;
    bool m_closeWhenWritten = false;
    bool m_endless = false;
    qint64 m_endlessSent = 0;
};

LoopbackHttpServer::LoopbackHttpServer(Handler handler, HttpServerLimits limits, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_limits(limits)
{ }

LoopbackHttpServer::~LoopbackHttpServer()
{
    // Connections first, while the counter they update still exists.
    const QObjectList owned = children();
    qDeleteAll(owned);
}

bool LoopbackHttpServer::listen(quint16 port, const std::optional<TlsIdentity> &tls)
{
    if (tls) {
        auto *sslServer = new QSslServer(this);
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(tls->certificate);
        configuration.setPrivateKey(tls->privateKey);
        sslServer->setSslConfiguration(configuration);
        m_listener = sslServer;
    } else {
        m_listener = new QTcpServer(this);
    }
    m_tls = tls.has_value();
    connect(m_listener, &QTcpServer::pendingConnectionAvailable, this, &LoopbackHttpServer::onNewConnection);
    if (!m_listener->listen(QHostAddress::LocalHost, port)) {
        m_error = m_listener->errorString();
        return false;
    }
    return true;
}

void LoopbackHttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_listener->nextPendingConnection())
        new HttpServerConnection(*this, socket);
}

int LoopbackHttpServer::openConnections() const
{
    return m_openConnections;
}

quint16 LoopbackHttpServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QUrl LoopbackHttpServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

} // namespace budgetdesk::sim
