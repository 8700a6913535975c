#pragma once

#include "simulator/SimulatorExchange.h"

#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QUrl>

#include <functional>
#include <optional>

class QTcpServer;

namespace budgetdesk::sim {

struct TlsIdentity
{
    QSslCertificate certificate;
    QSslKey privateKey;
};

struct HttpServerLimits
{
    qsizetype requestHeaderBytes = 16 * 1024;
    qsizetype requestBodyBytes = 64 * 1024; // WeChat Pay's request bodies are a few hundred bytes
    int idleTimeoutMs = 30000; // a kept-alive connection with nothing to do is closed
};

// A small HTTP/1.1 server on 127.0.0.1, written for the simulator rather than taken from
// QtHttpServer: it hands the handler the request target exactly as sent (no percent-decoding,
// no `..` folding — signatures are checked over those bytes), keeps connections alive,
// reads chunked bodies, answers 413 past the body limit and 431 past the header limit, closes
// idle connections, and delivers the simulator's faults (delays, dropped connections, endless
// bodies) the same way on every Qt version.
class LoopbackHttpServer : public QObject
{
    Q_OBJECT

public:
    using Handler = std::function<SimResponse(const SimRequest &request)>;

    explicit LoopbackHttpServer(Handler handler, HttpServerLimits limits = {}, QObject *parent = nullptr);
    ~LoopbackHttpServer() override;

    // Port 0 picks a free one. With `tls`, HTTPS with that certificate.
    bool listen(quint16 port = 0, const std::optional<TlsIdentity> &tls = std::nullopt);
    quint16 port() const;
    QUrl baseUrl() const; // e.g. https://127.0.0.1:40123
    QString errorString() const { return m_error; }
    const HttpServerLimits &limits() const { return m_limits; }
    int openConnections() const;

Q_SIGNALS:
    // After each answer has been written (or its connection dropped on purpose).
    void answered();

private:
    friend class HttpServerConnection;
    void onNewConnection();

    Handler m_handler;
    HttpServerLimits m_limits;
    QTcpServer *m_listener = nullptr;
    bool m_tls = false;
    QString m_error;
    int m_openConnections = 0;
};

} // namespace budgetdesk::sim
