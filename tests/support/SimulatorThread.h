#pragma once

#include "simulator/DemoMerchant.h"
#include "simulator/SimulatorServer.h"

#include <QDateTime>
#include <QEventLoop>
#include <QThread>
#include <QUrl>

#include <future>
#include <memory>

namespace budgetdesk::test {

// The simulator on its own thread, so that its work runs beside the client's, as a remote
// server's would.
class SimulatorThread
{
public:
    SimulatorThread()
    {
        std::promise<QUrl> url;
        m_thread.reset(QThread::create([this, &url] {
            const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
            auto simulator = std::make_unique<sim::WeChatPaySimulator>(
                demo.simulatorConfig(), sim::StockCatalog::demo(demo.mchid, QDateTime::currentDateTimeUtc()));
            sim::SimulatorServer server(std::move(simulator));
            if (!server.listen())
                qFatal("cannot listen");
            url.set_value(server.baseUrl());
            QEventLoop loop;
            m_loop = &loop;
            loop.exec();
        }));
        m_thread->start();
        m_url = url.get_future().get();
    }
    ~SimulatorThread()
    {
        QMetaObject::invokeMethod(m_loop, &QEventLoop::quit, Qt::QueuedConnection);
        m_thread->wait();
    }
    QUrl url() const { return m_url; }

private:
    std::unique_ptr<QThread> m_thread;
    QEventLoop *m_loop = nullptr;
    QUrl m_url;
};

} // namespace budgetdesk::test
