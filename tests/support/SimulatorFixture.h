#pragma once

#include "FakeClock.h"

#include "audit/AuditTrail.h"
#include "auth/HttpHeaders.h"
#include "auth/RequestSigner.h"
#include "auth/ResponseValidator.h"
#include "busifavor/BusifavorClient.h"
#include "simulator/SimulatorServer.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <memory>

namespace budgetdesk::test {

// What came back for one request, as a client sees it.
struct SimAnswer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    HttpHeaders headers;
    QByteArray body;
    std::optional<ResponseVerification> verification; // 2xx answers, and any answer that carries a signature

    QJsonObject json() const;
    QString code() const { return json().value(QStringLiteral("code")).toString(); }
    QString message() const { return json().value(QStringLiteral("message")).toString(); }
    bool verified() const { return verification && verification->isVerified(); }
};

// The demo-merchant simulator on a real loopback socket (HTTP or HTTPS with a generated CA
// the client trusts explicitly), a fake clock shared by both ends, and a minimal signing,
// verifying client over QNetworkAccessManager. Test support only: the product's client is
// core/busifavor.
class SimulatorFixture
{
public:
    enum class Transport { Http, Https };

    explicit SimulatorFixture(Transport transport = Transport::Http, sim::SimulatorConfig config = demoConfig());
    ~SimulatorFixture();

    static sim::SimulatorConfig demoConfig();

    sim::SimulatorServer &server() { return *m_server; }
    sim::WeChatPaySimulator &simulator() { return m_server->simulator(); }
    FakeClock &clock() { return *m_clock; }
    std::shared_ptr<FakeClock> sharedClock() const { return m_clock; }
    QUrl url(const QByteArray &target) const;
    const QByteArray &caCertificatePem() const { return m_caPem; }

    // Signs with the demo merchant unless `signer` is given; `serial` goes out as the request's
    // Wechatpay-Serial (empty: none). Answers are verified with the demo merchant's keys.
    SimAnswer send(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                   const HttpHeaders &extraHeaders = {}, const QByteArray &serial = {});
    // A request sent exactly as given: no Authorization, no default headers.
    SimAnswer sendRaw(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                      const HttpHeaders &headers, int timeoutMs = 10000);

    // Bytes straight onto the socket (TLS when the fixture is HTTPS); the whole answer.
    QByteArray rawExchange(const QByteArray &requestBytes);

    // As the demo brand (WECHATPAY-BRAND-SHA256-RSA2048, tests/support/BrandSigner.h), with
    // `wechatpaySerial` as the request's Wechatpay-Serial (default: the demo's public key ID;
    // empty: none).
    SimAnswer sendAsBrand(const QByteArray &method, const QByteArray &target, const QByteArray &body = {},
                          const HttpHeaders &extraHeaders = {},
                          const std::optional<QByteArray> &wechatpaySerial = std::nullopt);
    static QByteArray brandAuthorizationFor(const QByteArray &method, const QByteArray &target, const QByteArray &body,
                                            qint64 timestamp);

    SimAnswer getStock(const QByteArray &stockId) { return send("GET", "/v3/marketing/busifavor/stocks/" + stockId); }
    SimAnswer patchBudget(const QByteArray &stockId, const QByteArray &body)
    {
        return send("PATCH", "/v3/marketing/busifavor/stocks/" + stockId + "/budget", body,
                    {{"Content-Type", "application/json"}});
    }

    // The product's client, configured for this simulator: the demo merchant's credentials
    // and keys, this fixture's clock and trust, no backup domain, fast retries.
    std::unique_ptr<BusifavorClient> client() const { return client(fastSettings()); }
    std::unique_ptr<BusifavorClient> client(ClientSettings settings) const;
    ClientSettings fastSettings() const;
    static MerchantCredentials demoCredentials();
    // The demo brand (120344) signing itself, and its client: answers verified with the WeChat
    // Pay public key only, whose ID goes out as Wechatpay-Serial.
    static MerchantCredentials brandCredentials();
    std::unique_ptr<BusifavorClient> brandClient() const;
    static quint16 unusedLoopbackPort(); // nothing listens there: connections are refused
    // budgetdesk-cli's connection options for the demo merchant at this simulator, with the
    // client files (DemoMerchant::writeClientFiles) in `keyDirectory`.
    QStringList cliConnection(const QString &keyDirectory) const;
    static VerificationKeys demoKeys();

    // Waits for a running operation (the event loop runs meanwhile) and returns its end.
    static BudgetOutcome wait(BudgetModification *modification);
    static StockQueryResult wait(StockQuery *query);
    static StockListResult wait(StockListQuery *query);
    static EntryReconciliationResult wait(EntryReconciliation *reconciliation);

    RequestSigner &signer() { return *m_signer; }
    ResponseValidator &validator() { return *m_validator; }
    QNetworkAccessManager &network() { return m_network; }
    QSslConfiguration sslConfiguration() const { return m_ssl; }

private:
    std::shared_ptr<FakeClock> m_clock;
    std::unique_ptr<sim::SimulatorServer> m_server;
    std::unique_ptr<RequestSigner> m_signer;
    std::unique_ptr<ResponseValidator> m_validator;
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl;
    QByteArray m_caPem;
};

} // namespace budgetdesk::test
