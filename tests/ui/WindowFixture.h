#pragma once

#include "BudgetPage.h"
#include "DemoEnvironment.h"
#include "Dialogs.h"
#include "MainWindow.h"
#include "simulator/SimulatorServer.h"

#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

#include <functional>
#include <memory>

namespace budgetdesk::test {

// With BUDGETDESK_SCREENSHOTS=DIR the window is saved as it was checked, to look at (and for
// the README's pictures).
inline void keepScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("BUDGETDESK_SCREENSHOTS");
    if (!dir.isEmpty())
        window.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

// The real window in demo mode — the in-process simulator, the demo profile, a throw-away
// data folder — with quick retries so that error paths finish fast.
class WindowFixture
{
public:
    // `prepare` runs on the demo's data folder before the window opens it; `demoOperator` is
    // the demo profile's 操作人.
    explicit WindowFixture(const std::function<void(const DataDirectory &)> &prepare = {},
                           const QString &demoOperator = {})
    {
        auto demo = ui::DemoEnvironment::start();
        QVERIFY2(demo, "demo mode must start");
        m_demo = demo.get();
        demo->setOperatorName(demoOperator);
        if (prepare)
            prepare(demo->data());
        ClientSettings transport;
        transport.timeoutMs = 5000;
        transport.backoffMs = 20;
        ui::WindowContext context{demo->data(), std::make_unique<MemorySecretStore>(), std::move(demo), transport};
        m_window = std::make_unique<ui::MainWindow>(std::move(context));
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow(); // window shortcuts (Ctrl+Enter, Ctrl+L) need an active window
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        QTRY_VERIFY(m_window->budgetPage()->hasSession());
    }

    ui::MainWindow &window() { return *m_window; }
    ui::DemoEnvironment &demo() { return *m_demo; }
    sim::WeChatPaySimulator &simulator() { return m_demo->server().simulator(); }

    template<typename T = QWidget> T *find(const char *objectName) const
    {
        T *widget = m_window->findChild<T *>(QString::fromLatin1(objectName));
        if (!widget)
            qWarning("no widget named %s", objectName);
        return widget;
    }
    QString text(const char *labelName) const { return find<QLabel>(labelName)->text(); }

    void setFaults(const QStringList &faults)
    {
        auto plan = sim::FaultPlan::parse(faults);
        QVERIFY(plan);
        m_demo->setFaults(*plan);
    }

    // Types the ID and presses Enter, as a user would; waits for the answer.
    void lookUp(const QString &stockId)
    {
        auto *edit = find<QLineEdit>("stockIdEdit");
        edit->clear();
        QTest::keyClicks(edit, stockId);
        QTest::keyClick(edit, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->budgetPage()->isBusy(), 15000);
    }

    void setTarget(int value) { typeTarget(QString::number(value)); }
    // Types into 目标值 as a user would (select all, then the keys); text a keyboard cannot
    // type here (full-width digits come from an input method or a paste) is inserted.
    void typeTarget(const QString &text)
    {
        auto *target = find<QLineEdit>("targetValue");
        target->selectAll();
        QTest::keyClick(target, Qt::Key_Delete);
        const bool ascii = std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.unicode() < 0x80; });
        if (ascii)
            QTest::keyClicks(target, text);
        else
            target->insert(text);
    }

    // Clicks 发送 (the confirmation is answered by `confirm`) and waits for the outcome.
    void send()
    {
        auto *button = find<QPushButton>("sendButton");
        QVERIFY(button->isEnabled());
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->budgetPage()->isBusy(), 20000);
    }

    // The whole round: look the batch up, type the target, let the simulator misbehave as
    // asked, send and confirm.
    void sendChange(const QString &stockId, int target, const QStringList &faults = {})
    {
        lookUp(stockId);
        setTarget(target);
        setFaults(faults);
        ui::Dialogs::setNextConfirmation(true);
        send();
    }

private:
    ui::DemoEnvironment *m_demo = nullptr;
    std::unique_ptr<ui::MainWindow> m_window;
};

} // namespace budgetdesk::test
