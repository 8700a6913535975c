#include "MainWindow.h"

#include "BudgetPage.h"
#include "BulkDialog.h"
#include "DemoEnvironment.h"
#include "Dialogs.h"
#include "HistoryPage.h"
#include "ProductCouponScope.h"
#include "ProfileWizard.h"
#include "UiLanguage.h"
#include "UserGuide.h"
#include "WatchPage.h"
#include "audit/AuditTrail.h"
#include "profile/ConnectionTest.h"
#include "profile/ProfileSession.h"
#include "simulator/SimulatorServer.h"

#include "BudgetDeskVersion.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace budgetdesk::ui {

struct MainWindow::Menus
{
    QMenu *file = nullptr;
    QMenu *profile = nullptr;
    QMenu *language = nullptr;
    QMenu *demo = nullptr;
    QMenu *help = nullptr;
    QAction *quit = nullptr;
    QAction *bulk = nullptr;
    QAction *newProfile = nullptr;
    QAction *editProfile = nullptr;
    QAction *renameProfile = nullptr;
    QAction *duplicateProfile = nullptr;
    QAction *deleteProfile = nullptr;
    QAction *defaultProfile = nullptr;
    QAction *testConnection = nullptr;
    QAction *chinese = nullptr;
    QAction *english = nullptr;
    QAction *clearFaults = nullptr;
    QAction *userGuide = nullptr;
    QAction *about = nullptr;
    QAction *lookUp = nullptr;
};

namespace {

struct FaultChoice
{
    const char *fault;
    const char *label; // translated in retranslate()
};

const FaultChoice Faults[] = {
    {"bad-signature", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Answers with a wrong signature")},
    {"signtest", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Signature probes (WECHATPAY/SIGNTEST/)")},
    {"wrong-serial", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Answers signed with an unknown key")},
    {"omit-signature-headers", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Answers without signature headers")},
    {"skew=120", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Server clock 2 minutes ahead")},
    {"skew=-400", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Server clock 400 s behind (SIGN_ERROR)")},
    {"delay=4000", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Slow answers (4 s)")},
    {"drop-before-apply", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Connection drops before the change")},
    {"drop-after-apply", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Connection drops after the change")},
    {"status=500", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "HTTP 500 SYSTEM_ERROR")},
    {"status=503", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "HTTP 503 SERVICE_UNAVAILABLE")},
    {"busy", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "Batch being modified (批次正在修改中)")},
    {"portal", QT_TRANSLATE_NOOP("budgetdesk::ui::MainWindow", "A captive portal answers the change, not WeChat Pay")},
};

// 1100×760 where it fits; on a smaller screen (1366×768 at 125 % leaves about 1092×574) the
// window starts within the work area, title bar included, instead of running under the taskbar.
QSize firstRunSize()
{
    const QSize preferred(1100, 760);
    const QScreen *screen = QGuiApplication::primaryScreen();
    if (!screen)
        return preferred;
    const QSize available = screen->availableGeometry().size();
    const int frame = 40; // title bar and borders, which resize() does not include
    return preferred.boundedTo(QSize(available.width() - 16, available.height() - frame));
}

} // namespace

MainWindow::MainWindow(WindowContext context, QWidget *parent)
    : QMainWindow(parent)
    , m_context(std::move(context))
    , m_profiles(m_context.data.settingsFile())
    , m_menus(std::make_unique<Menus>())
{
    setObjectName(QStringLiteral("mainWindow"));
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("demoBanner"));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setWordWrap(true);
    // In the colours updateBanner() sets, and not bold: a bold Chinese face for this one line
    // took 3 ms of the demo window's first paint.
    m_banner->setAutoFillBackground(true);
    m_banner->setMargin(3);
    m_banner->setVisible(isDemo());
    layout->addWidget(m_banner);
    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_budget = new BudgetPage(m_tabs);
    m_tabs->addTab(m_budget, QString());
    // The History page takes its place after the first paint (buildHistoryPage): only its tab
    // is on screen before that.
    m_tabs->addTab(new QWidget(m_tabs), QString());
    m_tabs->addTab(new QWidget(m_tabs), QString()); // 监控, likewise (buildWatchPage)
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);
    central->installEventFilter(this); // to open the log and the profile once the window has painted

    // The profile selector sits beside the tabs, not in a toolbar row of its own: every row
    // counts on a 1366×768 laptop at 125 %, where the result must stay visible.
    auto *profileCorner = new QWidget(m_tabs);
    profileCorner->setObjectName(QStringLiteral("profileCorner"));
    auto *profileRow = new QHBoxLayout(profileCorner);
    profileRow->setContentsMargins(0, 0, 0, 2);
    m_profileLabel = new QLabel(profileCorner);
    m_profileBox = new QComboBox(profileCorner);
    m_profileBox->setObjectName(QStringLiteral("profileSelector"));
    m_profileBox->setMinimumContentsLength(14);
    m_profileBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profileLabel->setBuddy(m_profileBox);
    profileRow->addWidget(m_profileLabel);
    profileRow->addWidget(m_profileBox);
    m_tabs->setCornerWidget(profileCorner, Qt::TopRightCorner);
    connect(m_profileBox, &QComboBox::activated, this,
            [this](int index) { openProfile(m_profileBox->itemText(index)); });
    connect(m_budget, &BudgetPage::busyChanged, this, &MainWindow::followBusy);

    buildMenus();

    QSettings &settings = m_profiles.settings();
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(firstRunSize());

    retranslate();
    refreshProfiles();
    // The rest — the audit log (opening SQLite took 50 ms), the profile's keys and, in demo
    // mode, the simulator — waits for the first paint, so the window appears as fast as a
    // bare Qt window does; nothing can be sent before a profile is open anyway.
}

void MainWindow::buildHistoryPage()
{
    if (m_history)
        return;
    m_history = new HistoryPage(m_tabs);
    const bool onHistory = m_tabs->currentIndex() == 1;
    QWidget *placeholder = m_tabs->widget(1);
    m_tabs->removeTab(1);
    delete placeholder;
    m_tabs->insertTab(1, m_history, QString());
    if (onHistory)
        m_tabs->setCurrentWidget(m_history);
    connect(m_history, &HistoryPage::busyChanged, this, &MainWindow::followBusy);
    connect(m_budget, &BudgetPage::changeFinished, m_history, &HistoryPage::refresh);
    connect(m_history, &HistoryPage::refreshed, this, &MainWindow::showUnresolved);
    if (m_log)
        m_history->setLog(m_log.get());
    if (m_budget->hasSession())
        m_history->setSession(m_session.get(), m_trail.get());
    showHistoryTab(); // its title
    buildWatchPage();
}

QString MainWindow::watchFolder() const
{
    return m_context.data.root().isEmpty() ? QString() : QDir(m_context.data.root()).filePath(QStringLiteral("watch"));
}

void MainWindow::buildWatchPage()
{
    if (m_watch)
        return;
    m_watch = new WatchPage(m_tabs);
    const bool onWatch = m_tabs->currentIndex() == 2;
    QWidget *placeholder = m_tabs->widget(2);
    m_tabs->removeTab(2);
    delete placeholder;
    m_tabs->insertTab(2, m_watch, QString());
    if (onWatch)
        m_tabs->setCurrentWidget(m_watch);
    connect(m_watch, &WatchPage::lowCountChanged, this, &MainWindow::showWatchTab);
    connect(m_watch, &WatchPage::alerted, this, &MainWindow::announce);
    connect(m_watch, &WatchPage::openRequested, this, [this](const QString &profile, const StockKey &key) {
        m_tabs->setCurrentWidget(m_budget);
        if (profile == profileName()) {
            m_budget->openBatch(key);
            return;
        }
        // Another profile's row: that profile first, then its batch once its keys are usable.
        auto *once = new QObject(this);
        connect(this, &MainWindow::profileReady, once, [this, once, key] {
            delete once;
            m_budget->openBatch(key);
        });
        if (!openProfile(profile))
            delete once;
    });
    if (m_log)
        m_watch->setAuditLog(m_log.get());
    // Demo mode keeps nothing of the user's settings, as with the language.
    m_watch->useSettings(isDemo() ? nullptr : &m_profiles.settings());
    if (m_budget->hasSession())
        attachWatch();
    showWatchTab();
}

void MainWindow::attachWatch()
{
    if (!m_watch)
        return;
    detachWatch();
    QStringList others = isDemo() ? m_context.demo->profileNames() : m_profiles.names();
    others.removeAll(profileName());
    m_watch->setOtherProfiles(others, [this](const QString &name) { return watchSession(name); });
    m_watch->setSession(m_session.get(), profileName(), watchFolder());
}

void MainWindow::detachWatch()
{
    if (m_watch)
        m_watch->setSession(nullptr, {}, {});
    m_watchSessions.clear();
}

Result<ProfileSession *, BilingualText> MainWindow::watchSession(const QString &name)
{
    auto kept = m_watchSessions.find(name);
    if (kept == m_watchSessions.end()) {
        const std::optional<MerchantProfile> profile
            = isDemo() ? m_context.demo->profileNamed(name) : m_profiles.profile(name);
        if (!profile)
            return BilingualText{QStringLiteral("没有名为“%1”的配置").arg(name),
                                 QStringLiteral("there is no profile named “%1”").arg(name)};
        // Nothing is asked for here: a profile whose passphrase or APIv3 key the store cannot
        // give stays closed, and its rows say why, until it is opened once in this run.
        auto session = ProfileSession::open(*profile, secretsFor(name), m_context.data, m_context.transport);
        if (!session) {
            const BilingualText why = session.error().text();
            return BilingualText{QStringLiteral("配置“%1”未打开：%2").arg(name, why.zh),
                                 QStringLiteral("profile “%1” is not open: %2").arg(name, why.en)};
        }
        kept = m_watchSessions.emplace(name, std::move(session).value()).first;
    }
    kept->second->prepare();
    return kept->second.get();
}

void MainWindow::showWatchTab()
{
    const int low = m_watch ? m_watch->lowCount() : 0;
    m_tabs->setTabText(2, low ? tr("Watch (%1 low)").arg(low) : tr("Watch"));
}

void MainWindow::announce(const QString &title, const QString &text)
{
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return; // the notice on the 监控 tab says it
    if (!m_tray) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setToolTip(QStringLiteral("BudgetDesk"));
        m_tray->show();
    }
    m_tray->showMessage(title, text, QSystemTrayIcon::Warning);
}

void MainWindow::followBusy(bool startingNow)
{
    // Not offered while a change is on its way, from either page (openProfile refuses it too).
    const bool busy = startingNow || isSending(); // a page says so before it holds its request
    m_profileBox->setEnabled(!busy);
    m_profileBox->setToolTip(busy ? tr("A change is being sent: switch profiles once it has finished.") : QString());
}

void MainWindow::startAfterFirstPaint()
{
    // The TLS backend is pinned when a profile is first opened (ProfileConnection::build), not
    // here: a window with no profile never loads libssl.
    buildHistoryPage();
    // The audit log: the demo's own throw-away one, or the user's.
    auto log = AuditLog::open(m_context.data.auditDatabase(), AuditLog::Mode::ReadWrite, AuditLog::WindowBusyTimeoutMs);
    if (log) {
        m_log = std::move(log).value();
        m_history->setLog(m_log.get());
        if (m_watch)
            m_watch->setAuditLog(m_log.get());
    } else {
        // Without a log nothing may be sent: said where 发送 is, not only in the status bar.
        m_budget->setAuditProblem(log.error().text());
        statusBar()->showMessage(UiLanguage::pick(log.error().text()));
    }
    if (isDemo()) {
        openDemoProfile();
    } else {
        const QString chosen = m_profiles.defaultProfile();
        const QString last = m_profiles.lastUsed();
        const QStringList names = m_profiles.names();
        if (!names.isEmpty())
            openProfile(names.contains(chosen) ? chosen : names.contains(last) ? last : names.first());
    }
    m_started = true;
    showUnresolved();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    // The first paint of the window's content: what comes next waits until it is on screen
    // (a zero timer fires once the paint and its flush have been handled).
    if (watched == centralWidget() && event->type() == QEvent::Paint && !m_painted) {
        m_painted = true;
        centralWidget()->removeEventFilter(this);
        QTimer::singleShot(0, this, [this] {
            Q_EMIT firstPainted();
            startAfterFirstPaint();
        });
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::openDemoProfile()
{
    if (!m_context.demo->startSimulator()) {
        QMessageBox::critical(this, QStringLiteral("BudgetDesk"),
                              QStringLiteral("演示模式无法启动：无法在本机回环地址上启动模拟器。\n"
                                             "Demo mode cannot start: the simulator could not listen on loopback."));
        QCoreApplication::exit(1);
        return;
    }
    m_budget->suggestBatches(m_context.demo->batchLabels());
    openProfile(m_context.demo->profile().name);
}

MainWindow::~MainWindow()
{
    // A bulk dialog's run uses the session, the log and the 监控 page's pacer: it goes first.
    qDeleteAll(findChildren<BulkDialog *>(Qt::FindDirectChildrenOnly));
    // Sessions and the trail refer to each other and to the log: end them in order.
    m_budget->setSession(nullptr, nullptr);
    if (m_history)
        m_history->setSession(nullptr, nullptr);
    detachWatch();
    m_trail.reset();
    m_session.reset();
}

void MainWindow::buildMenus()
{
    Menus &m = *m_menus;
    m.file = menuBar()->addMenu(QString());
    m.bulk = m.file->addAction(QString(), this, [this] { openBulkDialog(); });
    m.bulk->setObjectName(QStringLiteral("bulkAction"));
    m.file->addSeparator();
    m.quit = m.file->addAction(QString(), QKeySequence::Quit, this, &QWidget::close);
    m.profile = menuBar()->addMenu(QString());
    m.newProfile = m.profile->addAction(QString(), this, &MainWindow::newProfile);
    m.newProfile->setObjectName(QStringLiteral("newProfileAction"));
    m.editProfile = m.profile->addAction(QString(), this, &MainWindow::editProfile);
    m.editProfile->setObjectName(QStringLiteral("editProfileAction"));
    m.renameProfile = m.profile->addAction(QString(), this, &MainWindow::renameProfile);
    m.renameProfile->setObjectName(QStringLiteral("renameProfileAction"));
    m.duplicateProfile = m.profile->addAction(QString(), this, &MainWindow::duplicateProfile);
    m.duplicateProfile->setObjectName(QStringLiteral("duplicateProfileAction"));
    m.deleteProfile = m.profile->addAction(QString(), this, &MainWindow::deleteProfile);
    m.deleteProfile->setObjectName(QStringLiteral("deleteProfileAction"));
    m.profile->addSeparator();
    m.defaultProfile = m.profile->addAction(QString(), this, &MainWindow::makeDefaultProfile);
    m.defaultProfile->setObjectName(QStringLiteral("defaultProfileAction"));
    m.defaultProfile->setCheckable(true);
    m.testConnection = m.profile->addAction(QString(), this, &MainWindow::testConnection);
    m.testConnection->setObjectName(QStringLiteral("testConnectionAction"));
    m.newProfile->setEnabled(!isDemo());
    updateProfileActions();

    m.language = menuBar()->addMenu(QString());
    m_languages = new QActionGroup(this);
    m.chinese = m.language->addAction(QStringLiteral("中文"));
    m.english = m.language->addAction(QStringLiteral("English"));
    m.chinese->setObjectName(QStringLiteral("languageChinese"));
    m.english->setObjectName(QStringLiteral("languageEnglish"));
    for (QAction *action : {m.chinese, m.english}) {
        action->setCheckable(true);
        m_languages->addAction(action);
    }
    (UiLanguage::instance().current() == Language::Chinese ? m.chinese : m.english)->setChecked(true);
    // The choice is remembered for the next start (in demo mode, for this run only).
    auto choose = [this](Language language) {
        UiLanguage::instance().apply(language);
        m_profiles.settings().setValue(QStringLiteral("ui/language"),
                                       language == Language::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en"));
    };
    connect(m.chinese, &QAction::triggered, this, [choose] { choose(Language::Chinese); });
    connect(m.english, &QAction::triggered, this, [choose] { choose(Language::English); });

    if (isDemo()) {
        // Demo mode: make the simulator misbehave, to see how BudgetDesk copes.
        m.demo = menuBar()->addMenu(QString());
        m.demo->setObjectName(QStringLiteral("demoMenu"));
        for (const FaultChoice &choice : Faults) {
            QAction *action = m.demo->addAction(QString());
            action->setCheckable(true);
            action->setData(QString::fromLatin1(choice.fault));
            action->setObjectName(QStringLiteral("fault:") + QString::fromLatin1(choice.fault));
            m_faultActions.append(action);
            connect(action, &QAction::toggled, this, [this] {
                QStringList faults;
                for (QAction *fault : std::as_const(m_faultActions)) {
                    if (fault->isChecked())
                        faults.append(fault->data().toString());
                }
                auto plan = sim::FaultPlan::parse(faults);
                if (plan)
                    m_context.demo->setFaults(*plan);
                updateBanner();
            });
        }
        m.demo->addSeparator();
        m.clearFaults = m.demo->addAction(QString(), this, [this] {
            for (QAction *fault : std::as_const(m_faultActions))
                fault->setChecked(false);
        });
    }

    m.help = menuBar()->addMenu(QString());
    m.userGuide = m.help->addAction(QString(), QKeySequence(Qt::Key_F1), this, &MainWindow::showUserGuide);
    m.userGuide->setObjectName(QStringLiteral("userGuideAction"));
    m.about = m.help->addAction(QString(), this, [this] {
        QMessageBox::about(this, tr("About BudgetDesk"),
                           tr("<b>BudgetDesk %1</b> — 商家券预算助手<br>Look up a WeChat Pay merchant-coupon batch and "
                              "change its budget: validated, signed, verified, explained and audited.")
                               .arg(QStringLiteral(BUDGETDESK_VERSION)));
    });
    m.lookUp = new QAction(this);
    m.lookUp->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m.lookUp, &QAction::triggered, this, [this] {
        m_tabs->setCurrentWidget(m_budget);
        if (auto *edit = m_budget->findChild<QWidget *>(QStringLiteral("stockIdEdit")))
            edit->setFocus();
    });
    addAction(m.lookUp);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::retranslate()
{
    Menus &m = *m_menus;
    m.file->setTitle(tr("&File"));
    m.bulk->setText(tr("&Bulk changes…"));
    m.quit->setText(tr("&Quit"));
    m.profile->setTitle(tr("&Profile"));
    m.newProfile->setText(tr("&New profile…"));
    m.editProfile->setText(tr("&Edit…"));
    m.renameProfile->setText(tr("&Rename…"));
    m.duplicateProfile->setText(tr("D&uplicate…"));
    m.deleteProfile->setText(tr("&Delete…"));
    m.defaultProfile->setText(tr("Open at &start (default)"));
    m.testConnection->setText(tr("&Test connection"));
    m.language->setTitle(tr("&Language"));
    m.help->setTitle(tr("&Help"));
    m.userGuide->setText(tr("&User guide"));
    m.about->setText(tr("&About BudgetDesk"));
    if (m.demo) {
        m.demo->setTitle(tr("&Demo faults"));
        for (int i = 0; i < m_faultActions.size(); ++i)
            m_faultActions[i]->setText(tr(Faults[i].label));
        m.clearFaults->setText(tr("Behave normally again"));
    }
    m_profileLabel->setText(tr("Profile: "));
    updateBanner();
    m_tabs->setTabText(0, tr("Budget"));
    showHistoryTab(); // with the unconfirmed count it had: a language switch does not forget it
    showWatchTab();
    updateTitle();
}

// The demo banner says what is playing WeChat Pay and — in red, so a misbehaving simulator is
// never mistaken for a BudgetDesk fault — which faults are switched on.
void MainWindow::updateBanner()
{
    QStringList faults;
    for (int i = 0; i < m_faultActions.size(); ++i) {
        if (m_faultActions[i]->isChecked())
            faults << tr(Faults[i].label);
    }
    // One line either way: on a small screen the banner's second line would be the result's.
    const QString text = faults.isEmpty()
        ? tr("Demo mode — a local simulator plays WeChat Pay. Nothing here touches real merchants or your "
             "audit log.")
        : tr("Demo mode — demo faults on: %1 (menu Demo faults turns them off).")
              .arg(faults.join(QStringLiteral(" · ")));
    m_banner->setText(text);
    // Colours through the palette, not a style sheet: a style sheet's engine took 5 ms of the
    // demo window's first paint.
    QPalette colours = m_banner->palette();
    colours.setColor(QPalette::Window, faults.isEmpty() ? QColor(0xf3, 0x9c, 0x12) : QColor(0xc0, 0x39, 0x2b));
    colours.setColor(QPalette::WindowText, faults.isEmpty() ? Qt::black : Qt::white);
    m_banner->setPalette(colours);
}

QString MainWindow::profileName() const
{
    return m_session ? m_session->profile().name : QString();
}

void MainWindow::updateTitle()
{
    QString title = QStringLiteral("BudgetDesk");
    if (!profileName().isEmpty())
        title += QStringLiteral(" — ") + profileName();
    if (isDemo())
        title += QStringLiteral(" — 演示模式");
    setWindowTitle(title);
}

void MainWindow::refreshProfiles()
{
    const QSignalBlocker blocker(m_profileBox);
    m_profileBox->clear();
    if (isDemo())
        m_profileBox->addItems(m_context.demo->profileNames());
    else
        m_profileBox->addItems(m_profiles.names());
    m_profileBox->setCurrentText(profileName());
}

bool MainWindow::openProfile(const QString &name)
{
    // The session's client owns the change in flight: swapping it now would drop the change
    // mid-way — applied on the server, never shown, its audit entry left pending.
    if (isSending()) {
        statusBar()->showMessage(tr("A change is being sent: switch profiles once it has finished."));
        m_profileBox->setCurrentText(profileName());
        return false;
    }
    if (isDemo() && !m_context.demo->isRunning())
        return false; // the demo profile is complete once its simulator listens
    std::optional<MerchantProfile> profile = isDemo() ? m_context.demo->profileNamed(name) : m_profiles.profile(name);
    if (!profile)
        return false;

    ProfileSecrets secrets = secretsFor(name);
    auto session = ProfileSession::open(*profile, secrets, m_context.data, m_context.transport);
    // A secret the store cannot give (no keyring, or it never held it) is asked for, and what
    // is typed is kept in memory for this run only. A few tries, then the reason is shown.
    ProfileSecrets typed;
    constexpr int MaximumPrompts = 3;
    for (int prompt = 0; !session && prompt < MaximumPrompts; ++prompt) {
        const ProfileProblem &problem = session.error();
        const bool passphrase = problem.keyError()
            && (problem.keyError()->code() == KeyError::Code::PassphraseRequired
                || problem.keyError()->code() == KeyError::Code::WrongPassphrase);
        const bool apiV3Key = problem.code() == ProfileProblem::Code::ApiV3KeyLength;
        if (!passphrase && !apiV3Key)
            break;
        QByteArray &secret = passphrase ? secrets.keyPassphrase : secrets.apiV3Key;
        // A secret that was given and did not work: why it is asked for again.
        const QString why = secret.isEmpty() ? QString() : UiLanguage::pick(problem.text()) + QLatin1Char('\n');
        const QString label = passphrase
            ? tr("The private key of “%1” is encrypted. Passphrase (kept until BudgetDesk closes):").arg(name)
            : tr("“%1” downloads WeChat Pay's platform certificates with the APIv3 key. APIv3 key (32 characters, "
                 "kept until BudgetDesk closes):")
                  .arg(name);
        const auto answer = Dialogs::askSecret(this, passphrase ? tr("Key passphrase") : tr("APIv3 key"), why + label);
        if (!answer) {
            statusBar()->showMessage(
                passphrase ? tr("Profile “%1” was not opened: the private key's passphrase was not given.").arg(name)
                           : tr("Profile “%1” was not opened: the APIv3 key was not given.").arg(name));
            m_profileBox->setCurrentText(profileName());
            return false;
        }
        secret = answer->toUtf8();
        (passphrase ? typed.keyPassphrase : typed.apiV3Key) = secret;
        session = ProfileSession::open(*profile, secrets, m_context.data, m_context.transport);
    }
    if (!session) {
        statusBar()->showMessage(
            tr("Profile “%1” cannot be used: %2").arg(name, UiLanguage::pick(session.error().text())));
        m_profileBox->setCurrentText(profileName());
        return false;
    }
    if (!typed.keyPassphrase.isEmpty() || !typed.apiV3Key.isEmpty()) {
        ProfileSecrets &kept = m_sessionSecrets[name];
        if (!typed.keyPassphrase.isEmpty())
            kept.keyPassphrase = typed.keyPassphrase;
        if (!typed.apiV3Key.isEmpty())
            kept.apiV3Key = typed.apiV3Key;
    }

    buildHistoryPage(); // in case a profile opens before the first paint has been handled
    m_budget->setSession(nullptr, nullptr);
    m_history->setSession(nullptr, nullptr);
    detachWatch();
    m_trail.reset();
    m_session = std::move(session).value();
    if (m_log)
        m_trail = std::make_unique<AuditTrail>(*m_log, profile->name, profile->callerId(),
                                               isDemo() ? QStringLiteral("demo") : QStringLiteral("window"),
                                               profile->operatorName);
    if (!isDemo())
        m_profiles.setLastUsed(name);
    else // the demo 商品券 this identity may see
        m_budget->productCouponScope()->setProductCouponId(DemoEnvironment::productCouponFor(*profile));
    refreshProfiles();
    updateTitle();
    updateProfileActions();

    connect(m_session.get(), &ProfileSession::ready, this, [this](const BilingualText &problem) {
        if (!problem.zh.isEmpty())
            statusBar()->showMessage(UiLanguage::pick(problem));
        m_budget->setSession(m_session.get(), m_trail.get());
        m_history->setSession(m_session.get(), m_trail.get());
        attachWatch();
        updateProfileActions();
        Q_EMIT profileReady();
        offerToResumeBulkRun();
    });
    m_session->prepare();
    return true;
}

void MainWindow::newProfile()
{
    // The wizard may replace the open profile (settings and secrets) while its change is sent.
    if (refuseWhileBusy())
        return;
    ProfileWizard wizard(m_context.data, this);
    wizard.setTakenNames(m_profiles.names());
    if (wizard.exec() != QDialog::Accepted)
        return;
    const MerchantProfile profile = wizard.profile();
    if (const auto problem = m_profiles.save(profile)) {
        // Said, not swallowed: a profile that was not written must not look saved.
        statusBar()->showMessage(UiLanguage::pick(*problem));
        return;
    }
    if (wizard.replacesExisting())
        forgetSecrets(profile.name); // the replaced profile's secrets are not this one's
    updateSecrets(profile.name, {}, wizard.secrets());
    openProfile(profile.name);
}

ProfileSecrets MainWindow::secretsFor(const QString &name) const
{
    ProfileSecrets secrets;
    m_context.secrets->readNow(SecretStore::passphraseKey(name), secrets.keyPassphrase);
    m_context.secrets->readNow(SecretStore::apiV3Key(name), secrets.apiV3Key);
    const ProfileSecrets typed = m_sessionSecrets.value(name);
    if (!typed.keyPassphrase.isEmpty())
        secrets.keyPassphrase = typed.keyPassphrase;
    if (!typed.apiV3Key.isEmpty())
        secrets.apiV3Key = typed.apiV3Key;
    return secrets;
}

void MainWindow::updateSecrets(const QString &name, const ProfileSecrets &before, const ProfileSecrets &after)
{
    ProfileSecrets session = m_sessionSecrets.value(name);
    bool sessionOnly = false;
    // Only what changed is written: a secret typed for this run only stays out of the store.
    auto update = [&](const QString &key, const QByteArray &old, const QByteArray &now, QByteArray &kept) {
        if (now == old)
            return;
        kept.clear();
        if (now.isEmpty()) {
            m_context.secrets->removeNow(key);
        } else if (m_context.secrets->writeNow(key, now) != SecretStore::Status::Stored) {
            kept = now;
            sessionOnly = true;
        }
    };
    update(SecretStore::passphraseKey(name), before.keyPassphrase, after.keyPassphrase, session.keyPassphrase);
    update(SecretStore::apiV3Key(name), before.apiV3Key, after.apiV3Key, session.apiV3Key);
    if (session.keyPassphrase.isEmpty() && session.apiV3Key.isEmpty())
        m_sessionSecrets.remove(name);
    else
        m_sessionSecrets.insert(name, session);
    if (sessionOnly)
        statusBar()->showMessage(
            tr("The system's secret store is unavailable: secrets are kept for this session only."));
}

bool MainWindow::copySecrets(const QString &from, const QString &to, bool keepSource)
{
    bool allStored = true;
    for (const auto key : {&SecretStore::passphraseKey, &SecretStore::apiV3Key}) {
        QByteArray value;
        if (m_context.secrets->readNow(key(from), value) != SecretStore::Status::Found)
            continue;
        // Only a secret the OS store took under the new name may go from the old one: one the
        // store refused is held in memory for this run, and would be gone after a restart.
        const bool stored = m_context.secrets->writeNow(key(to), value) == SecretStore::Status::Stored;
        allStored = allStored && stored;
        if (!keepSource && stored)
            m_context.secrets->removeNow(key(from));
    }
    if (m_sessionSecrets.contains(from)) {
        m_sessionSecrets.insert(to, m_sessionSecrets.value(from));
        if (!keepSource)
            m_sessionSecrets.remove(from);
    }
    return allStored;
}

void MainWindow::forgetSecrets(const QString &name)
{
    m_context.secrets->removeNow(SecretStore::passphraseKey(name));
    m_context.secrets->removeNow(SecretStore::apiV3Key(name));
    m_sessionSecrets.remove(name);
}

bool MainWindow::isSending() const
{
    return m_budget->isBusy() || (m_history && m_history->isBusy());
}

bool MainWindow::refuseWhileBusy()
{
    if (!isSending())
        return false;
    statusBar()->showMessage(tr("A change is being sent: manage profiles once it has finished."));
    return true;
}

void MainWindow::closeProfile()
{
    m_budget->setSession(nullptr, nullptr);
    if (m_history)
        m_history->setSession(nullptr, nullptr);
    detachWatch();
    m_trail.reset();
    m_session.reset();
    refreshProfiles();
    updateTitle();
}

void MainWindow::updateProfileActions()
{
    Menus &m = *m_menus;
    const bool managed = !isDemo() && m_session;
    for (QAction *action : {m.editProfile, m.renameProfile, m.duplicateProfile, m.deleteProfile, m.defaultProfile})
        action->setEnabled(managed);
    m.testConnection->setEnabled(m_session != nullptr);
    m.bulk->setEnabled(m_session != nullptr && m_log != nullptr);
    m.defaultProfile->setChecked(managed && m_profiles.defaultProfile() == profileName());
}

BulkDialog *MainWindow::openBulkDialog(const std::optional<BulkJournal> &resume)
{
    if (!m_session || !m_log || refuseWhileBusy())
        return nullptr;
    const MerchantProfile &profile = m_session->profile();
    const QString where = tr("%1 (%2 %3, %4)")
                              .arg(profile.name, profile.isBrand() ? tr("brand") : tr("merchant"), profile.callerId(),
                                   isDemo() ? tr("demo mode: the simulator") : tr("WeChat Pay, live"));
    auto *dialog = new BulkDialog(*m_session, *m_log, m_context.data.bulkRunsDirectory(), where,
                                  m_watch ? &m_watch->sharedPacer() : nullptr, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    // The run's entries are in the log: History shows them when the dialog closes.
    connect(dialog, &QDialog::finished, this, [this] {
        if (m_history)
            m_history->refresh();
    });
    dialog->open();
    if (resume)
        dialog->resume(*resume);
    return dialog;
}

void MainWindow::offerToResumeBulkRun()
{
    const QList<BulkJournal> unfinished = BulkJournal::unfinished(m_context.data.bulkRunsDirectory(), profileName());
    if (unfinished.isEmpty())
        return;
    const BulkJournal &run = unfinished.first();
    const BulkSummary summary = BulkSummary::of(run);
    if (Dialogs::confirm(this, tr("Unfinished bulk run"),
                         tr("Bulk run %1 of this profile stopped before its end: %2 of %3 row(s) settled. Rows "
                            "settled are not sent again; a row that was being sent is checked first. Go on now?")
                             .arg(run.runId)
                             .arg(summary.rows - summary.pending)
                             .arg(summary.rows)))
        openBulkDialog(run);
}

void MainWindow::editProfile()
{
    if (isDemo() || !m_session || refuseWhileBusy())
        return;
    const QString name = profileName();
    const std::optional<MerchantProfile> stored = m_profiles.profile(name);
    if (!stored)
        return;
    const ProfileSecrets before = secretsFor(name);
    ProfileWizard wizard(m_context.data, this);
    wizard.editProfile(*stored, before);
    if (wizard.exec() != QDialog::Accepted)
        return;
    if (const auto problem = m_profiles.save(wizard.profile())) {
        statusBar()->showMessage(UiLanguage::pick(*problem));
        return;
    }
    updateSecrets(name, before, wizard.secrets());
    if (openProfile(name))
        statusBar()->showMessage(tr("Profile “%1” saved.").arg(name));
}

void MainWindow::renameProfile()
{
    if (isDemo() || !m_session || refuseWhileBusy())
        return;
    const QString from = profileName();
    const auto typed = Dialogs::askText(this, tr("Rename profile"), tr("New name for “%1”:").arg(from), from);
    if (!typed || typed->trimmed() == from)
        return;
    const QString to = typed->trimmed();
    if (const auto problem = m_profiles.rename(from, to)) {
        statusBar()->showMessage(UiLanguage::pick(*problem));
        return;
    }
    const bool secretsStored = copySecrets(from, to, false);
    closeProfile();
    if (openProfile(to))
        statusBar()->showMessage(
            secretsStored ? tr("Profile “%1” is now called “%2”. The audit log keeps its past entries as they were.")
                                .arg(from, to)
                          : tr("Profile “%1” is now called “%2”; the system's credential store did not take its "
                               "secrets under the new name, so they are kept for this run only.")
                                .arg(from, to));
}

void MainWindow::duplicateProfile()
{
    if (isDemo() || !m_session)
        return;
    const QString from = profileName();
    const auto typed = Dialogs::askText(this, tr("Duplicate profile"), tr("Name for the copy of “%1”:").arg(from),
                                        tr("%1 (copy)").arg(from));
    if (!typed)
        return;
    const QString to = typed->trimmed();
    if (const auto problem = m_profiles.duplicate(from, to)) {
        statusBar()->showMessage(UiLanguage::pick(*problem));
        return;
    }
    const bool secretsStored = copySecrets(from, to, true);
    refreshProfiles();
    statusBar()->showMessage(secretsStored ? tr("Profile “%1” copied to “%2”.").arg(from, to)
                                           : tr("Profile “%1” copied to “%2”; the system's credential store did not "
                                                "take its secrets under the new name, so they are kept for this "
                                                "run only.")
                                                 .arg(from, to));
}

void MainWindow::deleteProfile()
{
    if (isDemo() || !m_session || refuseWhileBusy())
        return;
    const QString name = profileName();
    if (!Dialogs::confirm(this, tr("Delete profile"),
                          tr("Delete the profile “%1”? Its settings and the secrets stored for it are removed. The "
                             "audit log is kept: the changes made with this profile stay in History.")
                              .arg(name)))
        return;
    BilingualText problem;
    if (m_profiles.remove(name, &problem) == ProfileStore::RemoveResult::Failed) {
        statusBar()->showMessage(UiLanguage::pick(problem));
        return;
    }
    forgetSecrets(name);
    closeProfile();
    const QStringList remaining = m_profiles.names();
    const QString next
        = remaining.contains(m_profiles.defaultProfile()) ? m_profiles.defaultProfile() : remaining.value(0);
    if (!next.isEmpty())
        openProfile(next);
    updateProfileActions();
    statusBar()->showMessage(tr("Profile “%1” deleted; the audit log is kept.").arg(name));
}

void MainWindow::makeDefaultProfile()
{
    if (isDemo() || !m_session)
        return;
    const bool chosen = m_menus->defaultProfile->isChecked();
    if (const auto problem = m_profiles.setDefaultProfile(chosen ? profileName() : QString())) {
        statusBar()->showMessage(UiLanguage::pick(*problem));
    } else {
        statusBar()->showMessage(chosen ? tr("“%1” opens when BudgetDesk starts.").arg(profileName())
                                        : tr("BudgetDesk starts with the profile used last."));
    }
    updateProfileActions();
}

void MainWindow::offerFirstRunWizard()
{
    if (isDemo() || !m_profiles.names().isEmpty())
        return;
    statusBar()->showMessage(tr("No merchant profile yet: use Profile › New profile… to add one, or start "
                                "BudgetDesk with --demo to try it without a merchant account."));
    QTimer::singleShot(0, this, &MainWindow::newProfile);
}

UserGuide *MainWindow::userGuide() const
{
    return m_guide;
}

void MainWindow::showUserGuide()
{
    if (!m_guide)
        m_guide = new UserGuide(m_context.data.auditDatabase(), this);
    m_guide->show();
    m_guide->raise();
    m_guide->activateWindow();
}

void MainWindow::testConnection()
{
    if (!m_session)
        return;
    const ProfileSecrets secrets = secretsFor(profileName());
    statusBar()->showMessage(tr("Testing the connection…"));
    ConnectionTest *test
        = ConnectionTest::start(m_session->profile(), secrets, m_context.data, {}, m_context.transport);
    connect(test, &ConnectionTest::finished, this, [this](const QList<ConnectionTest::StageReport> &reports) {
        const auto failure = ConnectionTest::firstFailure(reports);
        statusBar()->showMessage(failure ? tr("Connection test failed at “%1”: %2")
                                               .arg(UiLanguage::pick(ConnectionTest::stageLabel(failure->stage)),
                                                    UiLanguage::pick(failure->text))
                                         : tr("Connection test passed."));
    });
}

void MainWindow::showHistoryTab()
{
    m_tabs->setTabText(1, m_unresolved ? tr("History (%1 unconfirmed)").arg(m_unresolved) : tr("History"));
}

void MainWindow::showUnresolved()
{
    const qsizetype unresolved = m_log ? m_log->unresolved().size() : 0;
    m_unresolved = unresolved;
    showHistoryTab();
    if (unresolved)
        statusBar()->showMessage(
            tr("%n change(s) could not be confirmed; check them in History.", nullptr, int(unresolved)));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (isSending()
        && !Dialogs::confirm(this, tr("A change is in progress"),
                             tr("A change is being sent. Close anyway? It may still take effect; it stays in the "
                                "history as unconfirmed until checked."))) {
        event->ignore();
        return;
    }
    m_profiles.settings().setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace budgetdesk::ui
