// SPDX-FileCopyrightText: 2026 The Coffer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The caching every temporary-credentials provider shares: one fetch for everyone waiting, kept
// credentials until the refresh window, failures never kept, callers whose context is gone
// skipped, and no answer after the provider is destroyed.
#include "models/aws/refreshingcredentialsprovider.h"

#include <QObject>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using coffer::aws::AwsCredentials;
using coffer::aws::AwsError;
using coffer::aws::RefreshingCredentialsProvider;
using coffer::aws::Result;

namespace {

/// Fetches when told to: answer() finishes the fetch under way, later, on the event loop.
class ScriptedProvider final : public RefreshingCredentialsProvider
{
public:
    ScriptedProvider()
        : RefreshingCredentialsProvider(std::chrono::minutes(5))
    {
    }
    ~ScriptedProvider() override { endCallbacks(); }

    [[nodiscard]] QString description() const override { return u"scripted"_s; }

    int fetches = 0;
    /// Finishes the fetch under way on the next turn of the event loop, through guard().
    void answer(Result<AwsCredentials> result)
    {
        QTimer::singleShot(0, guard(), [this, result] { finish(result); });
    }

private:
    void fetch() override { ++fetches; }
};

AwsCredentials keys(const QString &id, std::optional<QDateTime> expiration)
{
    AwsCredentials credentials;
    credentials.accessKeyId = id;
    credentials.secretAccessKey = u"secret-of-"_s + id;
    credentials.sessionToken = u"token"_s;
    credentials.expiration = expiration;
    return credentials;
}

} // namespace

class TestRefreshingCredentialsProvider final : public QObject
{
    Q_OBJECT

private slots:
    void oneFetchAnswersEveryoneWaiting()
    {
        ScriptedProvider provider;
        QStringList answers;
        for (int i = 0; i < 3; ++i)
            provider.credentials(this, [&answers](Result<AwsCredentials> r) { answers << r->accessKeyId; });
        QCOMPARE(provider.fetches, 1);
        QVERIFY(provider.isFetching());
        provider.answer(keys(u"ASIAONE"_s, QDateTime::currentDateTimeUtc().addSecs(3600)));
        QTRY_COMPARE(answers.size(), 3);
        QCOMPARE(answers, QStringList(3, u"ASIAONE"_s));
        QVERIFY(!provider.isFetching());
    }

    void keptUntilTheRefreshWindow()
    {
        ScriptedProvider provider;
        QDateTime now = QDateTime::currentDateTimeUtc();
        provider.setClock([&now] { return now; });
        const QDateTime expires = now.addSecs(3600);
        QString got;
        const auto ask = [&] { provider.credentials(nullptr, [&got](Result<AwsCredentials> r) { got = r->accessKeyId; }); };
        ask();
        provider.answer(keys(u"ASIAFIRST"_s, expires));
        QTRY_COMPARE(got, u"ASIAFIRST"_s);

        // Answered at once, without a fetch, while more than 5 minutes are left.
        got.clear();
        now = expires.addSecs(-5 * 60 - 1);
        ask();
        QCOMPARE(got, u"ASIAFIRST"_s);
        QCOMPARE(provider.fetches, 1);

        // Within the window: fetched again.
        got.clear();
        now = expires.addSecs(-5 * 60);
        ask();
        QCOMPARE(provider.fetches, 2);
        QVERIFY(got.isEmpty());
        provider.answer(keys(u"ASIASECOND"_s, expires.addSecs(3600)));
        QTRY_COMPARE(got, u"ASIASECOND"_s);

        // A wider window renews sooner.
        provider.setRefreshWindow(std::chrono::hours(2));
        ask();
        QCOMPARE(provider.fetches, 3);
    }

    void credentialsWithoutExpirationStay()
    {
        ScriptedProvider provider;
        bool answered = false;
        provider.credentials(nullptr, [&answered](Result<AwsCredentials>) { answered = true; });
        provider.answer(keys(u"AKIASTATIC"_s, std::nullopt));
        QTRY_VERIFY(answered);
        provider.setClock([] { return QDateTime::currentDateTimeUtc().addYears(10); });
        provider.credentials(nullptr, [](Result<AwsCredentials>) {});
        QCOMPARE(provider.fetches, 1);
        // Until invalidated (the server refused them).
        provider.invalidate();
        provider.credentials(nullptr, [](Result<AwsCredentials>) {});
        QCOMPARE(provider.fetches, 2);
    }

    void failuresAreNotKept()
    {
        ScriptedProvider provider;
        QString error;
        provider.credentials(nullptr, [&error](Result<AwsCredentials> r) { error = r ? QString() : r.error().message; });
        provider.answer(std::unexpected(AwsError::credentialsMissing(u"the token file is gone"_s)));
        QTRY_COMPARE(error, u"the token file is gone"_s);
        provider.credentials(nullptr, [](Result<AwsCredentials>) {});
        QCOMPARE(provider.fetches, 2);
    }

    void callersWhoseContextWentAreSkipped()
    {
        ScriptedProvider provider;
        int answered = 0;
        auto *gone = new QObject;
        provider.credentials(gone, [&answered](Result<AwsCredentials>) { answered += 100; });
        provider.credentials(this, [&answered](Result<AwsCredentials>) { answered += 1; });
        delete gone;
        provider.answer(keys(u"ASIAX"_s, QDateTime::currentDateTimeUtc().addSecs(3600)));
        QTRY_COMPARE(answered, 1);
        QTest::qWait(10);
        QCOMPARE(answered, 1);
    }

    void aCallerMayAskAgainWhileAnswered()
    {
        // Told "refused", a caller invalidates and asks again from inside its callback: that
        // starts the next fetch, and it is answered by that fetch, not by the one ending.
        ScriptedProvider provider;
        QStringList answers;
        provider.credentials(nullptr, [&](Result<AwsCredentials> first) {
            answers << first->accessKeyId;
            provider.invalidate();
            provider.credentials(nullptr, [&answers](Result<AwsCredentials> second) { answers << second->accessKeyId; });
        });
        provider.answer(keys(u"ASIAOLD"_s, QDateTime::currentDateTimeUtc().addSecs(3600)));
        QTRY_COMPARE(provider.fetches, 2);
        QCOMPARE(answers, QStringList{u"ASIAOLD"_s});
        provider.answer(keys(u"ASIANEW"_s, QDateTime::currentDateTimeUtc().addSecs(3600)));
        QTRY_COMPARE(answers.size(), 2);
        QCOMPARE(answers.last(), u"ASIANEW"_s);
    }

    void noAnswerAfterTheProviderIsGone()
    {
        int answered = 0;
        {
            auto provider = std::make_unique<ScriptedProvider>();
            provider->credentials(nullptr, [&answered](Result<AwsCredentials>) { ++answered; });
            provider->answer(keys(u"ASIALATE"_s, QDateTime::currentDateTimeUtc().addSecs(3600)));
        }
        QTest::qWait(20);
        QCOMPARE(answered, 0);
    }
};

QTEST_GUILESS_MAIN(TestRefreshingCredentialsProvider)
#include "testrefreshingcredentialsprovider.moc"
