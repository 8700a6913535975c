#pragma once

#include "simulator/DemoMerchant.h"
#include "simulator/SimulatorServer.h"

#include <QDateTime>
#include <QEventLoop>
#include <QThread>
#include <QUrl>

#include <functional>
#include <future>
#include <memory>

namespace budgetdesk::test {

// The simulator on its own thread, so that its work runs beside the client's, as a remote
// server's would.
class SimulatorThread
{
public:
    // `prepare` may add batches to the demo's before the simulator starts.
    explicit SimulatorThread(const std::function<void(sim::StockCatalog &)> &prepare = {})
    {
        std::promise<QUrl> url;
        m_thread.reset(QThread::create([this, &url, &prepare] {
            const sim::DemoMerchant &demo = sim::DemoMerchant::instance();
            sim::StockCatalog stocks = sim::StockCatalog::demo(demo.mchid, QDateTime::currentDateTimeUtc());
            if (prepare)
                prepare(stocks);
            auto simulator = std::make_unique<sim::WeChatPaySimulator>(demo.simulatorConfig(), std::move(stocks));
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
