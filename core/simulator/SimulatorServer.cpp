#include "simulator/SimulatorServer.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace budgetdesk::sim {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return "GET";
    case QHttpServerRequest::Method::Put:
        return "PUT";
    case QHttpServerRequest::Method::Delete:
        return "DELETE";
    case QHttpServerRequest::Method::Post:
        return "POST";
    case QHttpServerRequest::Method::Head:
        return "HEAD";
    case QHttpServerRequest::Method::Options:
        return "OPTIONS";
    case QHttpServerRequest::Method::Patch:
        return "PATCH";
    case QHttpServerRequest::Method::Connect:
        return "CONNECT";
    case QHttpServerRequest::Method::Trace:
        return "TRACE";
    default:
        return "UNKNOWN";
    }
}

SimRequest toSimRequest(const QHttpServerRequest &request)
{
    SimRequest simRequest;
    simRequest.method = methodName(request.method());
    const QUrl url = request.url();
    simRequest.target = url.path(QUrl::FullyEncoded).toLatin1();
    if (url.hasQuery())
        simRequest.target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    simRequest.headers = request.headers();
    simRequest.body = request.body();
    return simRequest;
}

} // namespace

SimulatorServer::SimulatorServer(std::unique_ptr<WeChatPaySimulator> simulator, QObject *parent)
    : QObject(parent)
    , m_simulator(std::move(simulator))
    , m_http(new QHttpServer(this))
{
    // Every request goes through one handler: the simulator does its own routing, so that
    // authentication, rate limits and faults apply to all paths alike.
    m_http->setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        serve(request, std::move(responder));
    });
}

SimulatorServer::~SimulatorServer() = default;

bool SimulatorServer::listen(quint16 port, const std::optional<TlsIdentity> &tls)
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
    if (!m_listener->listen(QHostAddress::LocalHost, port)) {
        m_error = m_listener->errorString();
        return false;
    }
    m_http->bind(m_listener);
    return true;
}

quint16 SimulatorServer::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QUrl SimulatorServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

void SimulatorServer::serve(const QHttpServerRequest &request, QHttpServerResponder &&responder)
{
    const SimRequest simRequest = toSimRequest(request);
    const SimResponse response = m_simulator->handle(simRequest);

    m_received.append({simRequest, response.status, response.delivery == SimResponse::Delivery::DropConnection});
    if (m_received.size() > m_simulator->config().recordedRequestLimit)
        m_received.removeFirst();

    if (response.delayMilliseconds <= 0) {
        deliver(responder, response);
        return;
    }
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = pending->socket();
    QTimer::singleShot(response.delayMilliseconds, this, [this, pending, socket, response] {
        if (socket) // the client may have given up waiting
            deliver(*pending, response);
        else
            Q_EMIT answered(++m_answered);
    });
}

void SimulatorServer::deliver(QHttpServerResponder &responder, const SimResponse &response)
{
    if (response.delivery == SimResponse::Delivery::DropConnection) {
        responder.socket()->abort();
    } else {
        responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
        for (const auto &[name, value] : response.headers)
            responder.writeHeader(name, value);
        responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
        responder.writeBody(response.body);
        // Out of Qt's buffer now, so that an exit right after the last answer loses nothing.
        responder.socket()->flush();
    }
    Q_EMIT answered(++m_answered);
}

} // namespace budgetdesk::sim
