#pragma once

#include "common/BilingualText.h"
#include "errors/ErrorExplanation.h"
#include "profile/ProfileSession.h"

#include <QList>
#include <QObject>

namespace budgetdesk {

struct PlatformCertificateResult;
struct StockQueryResult;

// "Test connection": one real signed call for a profile — a lookup of a batch the user names,
// or /v3/certificates in certificate mode — reported stage by stage, so the first stage that
// fails is named with the catalogue's explanation.
class ConnectionTest : public QObject
{
    Q_OBJECT

public:
    enum class Stage { KeyLoaded, RequestSigned, Connected, SignatureAccepted, AnswerVerified };
    Q_ENUM(Stage)
    enum class Status { Passed, Failed, NotChecked, NotReached };
    Q_ENUM(Status)

    struct StageReport
    {
        Stage stage = Stage::KeyLoaded;
        Status status = Status::NotReached;
        BilingualText text;
        ErrorExplanation explanation; // for a failure
    };

    // Starts at once; deletes itself after finished().
    static ConnectionTest *start(const MerchantProfile &profile, const ProfileSecrets &secrets,
                                 const DataDirectory &data, const QString &stockId,
                                 std::optional<ClientSettings> settings = {});

    static BilingualText stageLabel(Stage stage);
    // The first failed stage, or nullopt when none failed.
    static std::optional<StageReport> firstFailure(const QList<StageReport> &reports);

Q_SIGNALS:
    void finished(const QList<budgetdesk::ConnectionTest::StageReport> &reports);

private:
    ConnectionTest() = default;
    void report(Stage stage, Status status, const BilingualText &text = {}, const ErrorExplanation &explanation = {});
    void lookupFinished(const StockQueryResult &result);
    void downloadFinished(const PlatformCertificateResult &result);
    void finish();

    std::unique_ptr<ProfileSession> m_session;
    QList<StageReport> m_reports;
};

} // namespace budgetdesk

Q_DECLARE_METATYPE(budgetdesk::ConnectionTest::StageReport)
