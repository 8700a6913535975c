#include "HostileServer.h"

#include "SimulatorFixture.h"
#include "TestKeyFactory.h"

#include "common/Utc.h"
#include "simulator/DemoMerchant.h"
#include "simulator/LoopbackCertificateAuthority.h"
#include "simulator/ProductCouponCatalog.h"

#include <QJsonDocument>
#include <QSslKey>

namespace budgetdesk::test {

namespace {

// A self-signed server certificate of its own, trusted by the client or not as the test says.
sim::TlsIdentity selfSigned(const QString &commonName, int validDays)
{
    const PrivateKey key = TestKeyFactory::rsa(2048);
    const Certificate certificate = TestKeyFactory::certificate(key, "0A1B2C", commonName, validDays);
    return {QSslCertificate(certificate.toPem()), QSslKey(TestKeyFactory::pkcs8Pem(key), QSsl::Rsa)};
}

} // namespace

HostileServer::HostileServer(Twist twist, Tls tls)
    : m_clock(std::make_shared<FakeClock>(QDateTime::currentSecsSinceEpoch()))
    , m_twist(std::move(twist))
{
    const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(m_clock->nowMilliseconds(), utc());
    m_simulator = std::make_unique<sim::WeChatPaySimulator>(
        demo.simulatorConfig(), sim::StockCatalog::demo(demo.mchid, now),
        sim::ProductCouponCatalog::demo(demo.mchid, demo.brandId, now), m_clock);
    m_signer = std::make_unique<sim::AnswerSigner>(m_simulator->config());
    m_http = std::make_unique<sim::LoopbackHttpServer>([this](const sim::SimRequest &request) {
        m_received.append(request);
        sim::SimResponse honest
            = m_unprocessed && m_unprocessed(request) ? sim::SimResponse{} : m_simulator->handle(request);
        return m_twist ? m_twist(request, std::move(honest)) : honest;
    });

    std::optional<sim::TlsIdentity> identity;
    switch (tls) {
    case Tls::None:
        break;
    case Tls::Trusted:
    case Tls::Untrusted: {
        const auto authority = sim::LoopbackCertificateAuthority::generate();
        identity = sim::TlsIdentity{QSslCertificate(authority.serverCertificatePem),
                                    QSslKey(authority.serverPrivateKeyPem, QSsl::Ec)};
        m_trust = QSslConfiguration::defaultConfiguration();
        // Untrusted: the client trusts some other CA, never this one.
        m_trust.setCaCertificates(QSslCertificate::fromData(
            tls == Tls::Trusted ? authority.caCertificatePem
                                : sim::LoopbackCertificateAuthority::generate().caCertificatePem));
        break;
    }
    case Tls::WrongHost:
    case Tls::Expired: {
        // Trusted as such, but for another host, or long expired.
        identity = tls == Tls::WrongHost ? selfSigned(QStringLiteral("api.other-company.example"), 30)
                                         : selfSigned(QStringLiteral("127.0.0.1"), -30);
        m_trust = QSslConfiguration::defaultConfiguration();
        m_trust.setCaCertificates({identity->certificate});
        break;
    }
    }
    if (!m_http->listen(0, identity))
        qFatal("HostileServer: cannot listen: %s", qPrintable(m_http->errorString()));
}

HostileServer::~HostileServer() = default;

QUrl HostileServer::baseUrl() const
{
    return m_http->baseUrl();
}

qint64 HostileServer::total(const QString &stockId) const
{
    return m_simulator->stocks().stock(stockId).maxCoupons();
}

int HostileServer::receivedCount(const QByteArray &method) const
{
    return int(std::count_if(m_received.cbegin(), m_received.cend(),
                             [&](const sim::SimRequest &request) { return request.method == method; }));
}

sim::SimResponse HostileServer::signedAnswer(sim::SimResponse answer, const sim::SimRequest &request,
                                             qint64 skewSeconds)
{
    answer.headers.removeIf([](const auto &header) { return header.first.startsWith("Wechatpay-"); });
    m_signer->sign(answer, request, m_clock->nowSeconds() + skewSeconds, {});
    return answer;
}

sim::SimResponse HostileServer::signedError(int status, const char *code, const QString &message,
                                            const sim::SimRequest &request)
{
    sim::SimResponse answer = sim::SimResponse::error(status, code, message);
    answer.addHeader("Request-ID", "HOSTILE0000000000000000000000000001");
    return signedAnswer(std::move(answer), request);
}

sim::SimResponse HostileServer::signedJson(const QJsonObject &body, const sim::SimRequest &request)
{
    sim::SimResponse answer = sim::SimResponse::json(200, body);
    answer.addHeader("Request-ID", "HOSTILE0000000000000000000000000002");
    return signedAnswer(std::move(answer), request);
}

ClientSettings HostileServer::settings() const
{
    ClientSettings settings;
    settings.primaryBaseUrl = baseUrl();
    settings.backupBaseUrl = QUrl();
    settings.timeoutMs = 5000;
    settings.backoffMs = 5;
    if (baseUrl().scheme() == QLatin1String("https"))
        settings.sslConfiguration = m_trust;
    return settings;
}

std::unique_ptr<BusifavorClient> HostileServer::client(const ClientSettings &settings) const
{
    return std::make_unique<BusifavorClient>(SimulatorFixture::demoCredentials(), SimulatorFixture::demoKeys(),
                                             settings, m_clock);
}

} // namespace budgetdesk::test
