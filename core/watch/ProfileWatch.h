#pragma once

#include "common/BilingualText.h"
#include "profile/ProfileSession.h"
#include "watch/WatchBoard.h"
#include "watch/Watchlist.h"

#include <QObject>
#include <QPointer>

#include <optional>

namespace budgetdesk {

class LookupPacer;
class WatchRefresh;

// One profile's part of the 监控 tab: its watchlist and board, both kept in the data folder
// under the profile's digest, refreshed with the profile's own session through the app's one
// pacer. The tab shows one of these (the profile in use), or one per profile.
class ProfileWatch : public QObject
{
    Q_OBJECT

public:
    // `folder` empty: nothing is read or written (no data folder).
    ProfileWatch(QString profileName, QString folder, LookupPacer &pacer, const LowThresholds &defaults,
                 QObject *parent = nullptr);
    ~ProfileWatch() override;

    const QString &profileName() const { return m_profileName; }
    // The list and its samples from the folder. An unreadable list is reported and kept as it
    // is on disk: until it is fixed or removed, edits here are not saved over it.
    std::optional<BilingualText> load();

    // The session lookups go through; nullptr with why when the profile cannot be opened
    // (its rows then say so and keep what they last showed). `awaitReady`: the session is being
    // prepared, and nothing is looked up before its ready() (then sessionReady()).
    void setSession(ProfileSession *session, bool awaitReady = false);
    void setUnavailable(const BilingualText &why);
    ProfileSession *session() const { return m_session; }
    const std::optional<BilingualText> &unavailable() const { return m_unavailable; }

    Watchlist &list() { return m_list; }
    const Watchlist &list() const { return m_list; }
    WatchBoard &board() { return m_board; }
    const WatchBoard &board() const { return m_board; }
    // After an edit of list(): the board re-read and the list saved; the problem when it was not.
    std::optional<BilingualText> listChanged();

    // Looks every batch up; false when there is nothing to look up, no (ready) session, or a
    // refresh runs.
    bool refresh();
    bool isRefreshing() const { return !m_refresh.isNull(); }

Q_SIGNALS:
    void sessionReady();
    // A lookup was applied to the board; `crossed`: the batch has just turned low.
    void lookedUp(int index, bool crossed);
    // The refresh ended: names kept with the list, samples pruned and saved.
    void refreshed();

private:
    void refreshFinished();
    QString listPath() const;
    QString samplesPath() const;

    QString m_profileName;
    QString m_folder;
    LookupPacer &m_pacer;
    Watchlist m_list;
    WatchBoard m_board;
    bool m_listUnreadable = false;
    QPointer<ProfileSession> m_session;
    std::optional<BilingualText> m_unavailable;
    bool m_awaitingSession = false;
    QPointer<WatchRefresh> m_refresh;
};

} // namespace budgetdesk
