#pragma once

#include "bulk/BulkJournal.h"
#include "common/BilingualText.h"
#include "common/Result.h"
#include "http/ClientSettings.h"
#include "profile/DataDirectory.h"
#include "profile/ProfileStore.h"
#include "profile/SecretStore.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

#include <map>
#include <memory>
#include <optional>

class QActionGroup;
class QComboBox;
class QSystemTrayIcon;
class QLabel;
class QTabWidget;

namespace budgetdesk {
class AuditLog;
class AuditTrail;
class ProfileSession;
} // namespace budgetdesk

namespace budgetdesk::ui {

class BudgetPage;
class DemoEnvironment;
class HistoryPage;
class WatchPage;
class BulkDialog;
class UserGuide;

// What the window runs on: where its data lives, where secrets go, demo mode or not, and —
// for tests — the transport to use (a test CA, fast retries).
struct WindowContext
{
    DataDirectory data;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<DemoEnvironment> demo; // set in demo mode
    std::optional<ClientSettings> transport;
};

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(WindowContext context, QWidget *parent = nullptr);
    ~MainWindow() override;

    BudgetPage *budgetPage() const { return m_budget; }
    // 文件 › 批量修改…, or an unfinished run of the profile going on (offered when it opens).
    BulkDialog *openBulkDialog(const std::optional<BulkJournal> &resume = std::nullopt);
    HistoryPage *historyPage() const { return m_history; }
    QTabWidget *tabs() const { return m_tabs; }
    ProfileSession *session() const { return m_session.get(); }
    bool isDemo() const { return m_context.demo != nullptr; }
    // The audit log and the start profile are opened once the window has painted.
    bool hasStarted() const { return m_started; }
    DemoEnvironment *demo() const { return m_context.demo.get(); }

    // Opens the profile (secrets from the store; one it cannot give — the key's passphrase,
    // the APIv3 key — is asked for and kept in memory for this run). False with a message in
    // the status bar when it cannot be used or the question was cancelled.
    bool openProfile(const QString &name);
    void newProfile();
    // Profiles menu, on the open profile.
    void editProfile();
    void renameProfile();
    void duplicateProfile();
    void deleteProfile();
    void makeDefaultProfile();
    // First start without any profile: offer the wizard (or point at demo mode).
    void offerFirstRunWizard();
    // 帮助 › 使用指南 (F1): opened beside the window, or brought to the front if it already is.
    void showUserGuide();
    UserGuide *userGuide() const;

Q_SIGNALS:
    void profileReady(); // the session's keys are usable (certificates downloaded if needed)
    void firstPainted(); // the window has been shown and painted once

protected:
    void closeEvent(QCloseEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void buildMenus();
    void retranslate();
    void updateTitle();
    void updateBanner();
    void openDemoProfile();
    void startAfterFirstPaint();
    void buildHistoryPage();
    void buildWatchPage(); // with the History page, after the first paint
    QString watchFolder() const;
    void followBusy(bool startingNow);
    void refreshProfiles();
    void showUnresolved();
    void showHistoryTab();
    void showWatchTab();
    // The 监控 page given the profile in use, and the others for its every-profile option;
    // detached before any session it was given goes.
    void attachWatch();
    void offerToResumeBulkRun();
    void detachWatch();
    Result<ProfileSession *, BilingualText> watchSession(const QString &name);
    void announce(const QString &title, const QString &text); // the tray's balloon, where there is a tray
    void testConnection();
    QString profileName() const;
    // What the profile's secrets are: the store's, overlaid with what was typed this run.
    ProfileSecrets secretsFor(const QString &name) const;
    // Writes what changed from `before` to `after` (a failed write keeps it for this run).
    void updateSecrets(const QString &name, const ProfileSecrets &before, const ProfileSecrets &after);
    // False when the OS store refused one of them under the new name (then kept for this run).
    bool copySecrets(const QString &from, const QString &to, bool keepSource);
    void forgetSecrets(const QString &name);
    // Management changes the open profile: refused while a change is on its way.
    bool refuseWhileBusy();
    // A change on its way: sent from the budget page, or re-sent by 核对 in History.
    bool isSending() const;
    void closeProfile();
    void updateProfileActions();

    WindowContext m_context;
    ProfileStore m_profiles;
    std::unique_ptr<AuditLog> m_log;
    std::unique_ptr<ProfileSession> m_session;
    // The other profiles' sessions, opened (never asking anything) for the 监控 page's rows of
    // every profile; the page lets go of them in detachWatch().
    std::map<QString, std::unique_ptr<ProfileSession>> m_watchSessions;
    std::unique_ptr<AuditTrail> m_trail;
    // Secrets typed when a profile was opened that the OS store could not give: this run only.
    QHash<QString, ProfileSecrets> m_sessionSecrets;
    qsizetype m_unresolved = 0; // as last read from the log, kept across language switches

    QComboBox *m_profileBox;
    QLabel *m_profileLabel;
    QLabel *m_banner;
    bool m_painted = false;
    bool m_started = false;
    QTabWidget *m_tabs;
    BudgetPage *m_budget;
    HistoryPage *m_history = nullptr; // built after the first paint
    WatchPage *m_watch = nullptr; // likewise
    QSystemTrayIcon *m_tray = nullptr; // made for the first alert, where the system has a tray
    QActionGroup *m_languages;
    QList<QAction *> m_faultActions;
    QPointer<UserGuide> m_guide; // made when first asked for
    struct Menus;
    std::unique_ptr<Menus> m_menus;
};

} // namespace budgetdesk::ui
