#include "watch/ProfileWatch.h"

#include "profile/ProfileSession.h"
#include "watch/WatchRefresh.h"

#include <QDir>

namespace budgetdesk {

ProfileWatch::ProfileWatch(QString profileName, QString folder, LookupPacer &pacer, const LowThresholds &defaults,
                           QObject *parent)
    : QObject(parent)
    , m_profileName(std::move(profileName))
    , m_folder(std::move(folder))
    , m_pacer(pacer)
    , m_board(defaults)
{ }

ProfileWatch::~ProfileWatch()
{
    // Every refresh — the running one and finished ones awaiting deleteLater — goes while the
    // pacer it takes its queued lookups back from is certain to exist.
    qDeleteAll(findChildren<WatchRefresh *>(Qt::FindDirectChildrenOnly));
}

QString ProfileWatch::listPath() const
{
    return Watchlist::pathFor(m_folder, m_profileName);
}

QString ProfileWatch::samplesPath() const
{
    return RemainingSamples::pathFor(m_folder, m_profileName);
}

std::optional<BilingualText> ProfileWatch::load()
{
    std::optional<BilingualText> problem;
    if (!m_folder.isEmpty()) {
        auto list = Watchlist::load(listPath());
        if (list) {
            m_list = std::move(list).value();
        } else {
            m_listUnreadable = true;
            problem = list.error();
        }
        if (auto samples = RemainingSamples::load(samplesPath()))
            m_board.setSamples(std::move(samples).value());
    }
    m_board.setWatchlist(m_list);
    return problem;
}

void ProfileWatch::setSession(ProfileSession *session, bool awaitReady)
{
    delete m_refresh;
    if (m_session)
        disconnect(m_session, nullptr, this, nullptr);
    m_session = session;
    m_unavailable.reset();
    m_board.setCallerBrand(session && session->profile().isBrand() ? session->profile().brandId : QString());
    m_awaitingSession = session && awaitReady;
    if (m_awaitingSession) {
        connect(session, &ProfileSession::ready, this, [this](const BilingualText &problem) {
            m_awaitingSession = false;
            if (!problem.zh.isEmpty())
                setUnavailable(problem);
            Q_EMIT sessionReady();
        });
    }
}

void ProfileWatch::setUnavailable(const BilingualText &why)
{
    setSession(nullptr);
    m_unavailable = why;
}

std::optional<BilingualText> ProfileWatch::listChanged()
{
    m_board.setWatchlist(m_list);
    if (m_folder.isEmpty())
        return std::nullopt;
    if (m_listUnreadable)
        return BilingualText{
            QStringLiteral("监控列表文件无法读取，改动未保存（请修复或删除该文件）：%1")
                .arg(QDir::toNativeSeparators(listPath())),
            QStringLiteral(
                "The watchlist file cannot be read, so this change was not saved (fix or remove the file): %1")
                .arg(QDir::toNativeSeparators(listPath()))};
    return m_list.save(listPath());
}

bool ProfileWatch::refresh()
{
    if (!m_session || m_awaitingSession || m_refresh || m_list.isEmpty())
        return false;
    QList<StockKey> keys;
    for (const WatchRow &row : m_board.rows()) {
        StockKey key = row.batch.key;
        if (m_session->profile().isBrand())
            key.brandId.clear(); // a brand asks as itself
        keys.append(key);
    }
    m_refresh = new WatchRefresh(m_session->client(), m_pacer, keys, this);
    connect(m_refresh, &WatchRefresh::lookedUp, this, [this](int index, const StockQueryResult &result) {
        Q_EMIT lookedUp(index, m_board.apply(index, result, QDateTime::currentDateTime()));
    });
    connect(m_refresh, &WatchRefresh::finished, this, &ProfileWatch::refreshFinished);
    m_refresh->start();
    return true;
}

void ProfileWatch::refreshFinished()
{
    m_refresh->deleteLater();
    m_refresh = nullptr;
    // Names as WeChat Pay gives them, kept with the list.
    bool renamed = false;
    for (int i = 0; i < m_board.size(); ++i) {
        if (m_board.row(i).batch.name != m_list.batches().value(i).name) {
            m_list.setName(i, m_board.row(i).batch.name);
            renamed = true;
        }
    }
    if (renamed && !m_folder.isEmpty() && !m_listUnreadable)
        m_list.save(listPath());
    m_board.samples().prune(QDateTime::currentMSecsSinceEpoch());
    if (!m_folder.isEmpty())
        m_board.samples().save(samplesPath());
    Q_EMIT refreshed();
}

} // namespace budgetdesk
