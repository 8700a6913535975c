#pragma once

#include "auth/HttpHeaders.h"
#include "errors/NetworkFailure.h"
#include "http/HttpMessageParser.h"

#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>
#include <QUrl>

#include <optional>

class QTcpSocket;

namespace budgetdesk {

// One HTTP/1.1 request on a connection of its own, carried to its answer or to one named
// failure. BudgetDesk does not use QNetworkAccessManager for this: QNAM silently writes a
// request again when the connection closes after it went out — the same signature and nonce,
// a copy of a budget change that the caller never learns about. Here a request is written
// exactly once, and `wasSent()` says whether all of it left this computer, which is what
// decides whether WeChat Pay may have acted on it.
//
// TLS is verified as QSslSocket does by default (chain and host name); errors are never
// ignored, and each one is reported with its reason. The answer is bounded: headers and body
// beyond their limits end the attempt (AnswerTooLarge) instead of filling memory.
class HttpAttempt : public QObject
{
    Q_OBJECT

public:
    struct Request
    {
        QUrl baseUrl; // scheme, host and port only
        QByteArray method;
        QByteArray target; // path and query, percent-encoded, exactly as sent
        HttpHeaders headers;
        QByteArray body;
    };

    struct Settings
    {
        int timeoutMs = 15000; // connect, send and answer together
        std::optional<QSslConfiguration> ssl; // nullopt: the system's trust store
        HttpMessageParser::Limits answerLimits;
    };

    HttpAttempt(Request request, Settings settings, QObject *parent = nullptr);
    ~HttpAttempt() override;

    void start();
    // Ends the attempt now with a Cancelled failure (which says whether it had been sent).
    void cancel();

    bool isFinished() const { return m_finished; }
    bool wasSent() const { return m_sent; }
    // After finished(): either an answer (status > 0) or a failure.
    const std::optional<NetworkFailure> &failure() const { return m_failure; }
    int status() const { return m_parser.status(); }
    const HttpHeaders &headers() const { return m_parser.headers(); }
    const QByteArray &body() const { return m_parser.body(); }

    // The request as it goes on the wire: request line, Host, the caller's headers,
    // Content-Length, Connection: close, the body.
    static QByteArray serialize(const Request &request);

Q_SIGNALS:
    void requestSent(); // the whole request has left this computer
    void finished();

private:
    void onConnected();
    void onBytesWritten(qint64 bytes);
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void readAvailable();
    void fail(NetworkFailure::Kind kind, const QString &detail);
    void finish();
    void releaseSocket();
    NetworkFailure::Kind tlsFailureKind() const;

    Request m_request;
    Settings m_settings;
    HttpMessageParser m_parser{HttpMessageParser::Kind::Response};
    QPointer<QTcpSocket> m_socket;
    QTimer m_deadline;
    QByteArray m_wire;
    qint64 m_written = 0;
    bool m_writeStarted = false;
    bool m_sent = false;
    bool m_finished = false;
    QList<QSslError> m_sslErrors;
    std::optional<NetworkFailure> m_failure;
};

} // namespace budgetdesk
