// model::Message, core's translatable text: english() fills the pattern in one
// pass, nested messages are filled too, equality, and errors and issues keep
// their text beside the English message. client::translated() runs the
// pattern and every nested pattern through the installed translator, which
// may put the placeholders in another order.

#include "core/client/MessageText.h"
#include "core/model/Issue.h"
#include "core/model/Message.h"
#include "core/model/Result.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>
#include <string>

using namespace nsgate;
using nsgate::model::Message;

namespace {

// A catalogue in code: knows two patterns of the test context.
class TestTranslator : public QTranslator
{
public:
    bool isEmpty() const override { return false; }

    QString translate(const char* context, const char* sourceText, const char* /*disambiguation*/,
                      int /*n*/) const override
    {
        if (qstrcmp(context, "nsgate::test") != 0)
            return {};
        if (qstrcmp(sourceText, "%1 is longer than %2") == 0)
            return QStringLiteral("%2 ist kürzer als %1");
        if (qstrcmp(sourceText, "field %1: %2") == 0)
            return QStringLiteral("Feld %1: %2");
        if (qstrcmp(sourceText, "must not be empty") == 0)
            return QStringLiteral("darf nicht leer sein");
        return {};
    }
};

} // namespace

class TestMessage : public QObject
{
    Q_OBJECT

private slots:
    void fillsPlaceholders();
    void fillsInOnePass();
    void percentWithoutDigitStays();
    void missingArgumentStays();
    void nestsMessages();
    void emptyAndValue();
    void equality();
    void errorAndIssueCarryText();
    void translatesPatternsAndNested();
    void translatedFallsBack();
};

void TestMessage::fillsPlaceholders()
{
    const Message m = NSGATE_TEXT("nsgate::test", "label %1 is longer than %2 characters (has %3)")
                          .with(std::string("\"abc\""), 63, std::size_t{70});
    QCOMPARE(m.english(), std::string("label \"abc\" is longer than 63 characters (has 70)"));
    QCOMPARE(m.args().size(), std::size_t{3});
    QVERIFY(!m.isValue());
    QCOMPARE(std::string(m.context()), std::string("nsgate::test"));
}

void TestMessage::fillsInOnePass()
{
    // An argument holding a placeholder is a value: it is not filled again.
    const Message m = NSGATE_TEXT("nsgate::test", "%1 and %2").with("a%2b", "c");
    QCOMPARE(m.english(), std::string("a%2b and c"));
    const Message twice = NSGATE_TEXT("nsgate::test", "%1%1 %2").with("%1", "x");
    QCOMPARE(twice.english(), std::string("%1%1 x"));
}

void TestMessage::percentWithoutDigitStays()
{
    QCOMPARE((NSGATE_TEXT("nsgate::test", "100% of %1").with("x")).english(), std::string("100% of x"));
    QCOMPARE((NSGATE_TEXT("nsgate::test", "expected %XX at %1").with(3)).english(), std::string("expected %XX at 3"));
    QCOMPARE((NSGATE_TEXT("nsgate::test", "%0 %%1 %")).with("y").english(), std::string("%0 %y %"));
    QCOMPARE(NSGATE_TEXT("nsgate::test", "IPv6 zone identifiers ('%') are not allowed").english(),
             std::string("IPv6 zone identifiers ('%') are not allowed"));
}

void TestMessage::missingArgumentStays()
{
    QCOMPARE((NSGATE_TEXT("nsgate::test", "%1 %2 %3").with("a")).english(), std::string("a %2 %3"));
}

void TestMessage::nestsMessages()
{
    const Message inner = NSGATE_TEXT("nsgate::test", "must be at most %1 characters").with(255);
    const Message outer = NSGATE_TEXT("nsgate::test", "field %1: %2").with("ns", inner);
    QCOMPARE(outer.english(), std::string("field ns: must be at most 255 characters"));
    QCOMPARE(outer.args().size(), std::size_t{2});
    QVERIFY(outer.args()[0].isValue());
    QCOMPARE(outer.args()[0].valueText(), std::string("ns"));
    QVERIFY(outer.args()[1] == inner);
    // Three levels, and a nested message that holds a placeholder in a value.
    const Message deep = NSGATE_TEXT("nsgate::test", "[%1]").with(
        NSGATE_TEXT("nsgate::test", "field %1: %2").with("%2", NSGATE_TEXT("nsgate::test", "must not be empty")));
    QCOMPARE(deep.english(), std::string("[field %2: must not be empty]"));
}

void TestMessage::emptyAndValue()
{
    QVERIFY(Message().empty());
    QCOMPARE(Message().english(), std::string());
    QVERIFY(!NSGATE_TEXT("nsgate::test", "must not be empty").empty());
    const Message v = Message::value("as it is %1");
    QVERIFY(!v.empty());
    QVERIFY(v.isValue());
    QCOMPARE(v.english(), std::string("as it is %1"));
}

void TestMessage::equality()
{
    const auto make = [](int n) { return NSGATE_TEXT("nsgate::test", "%1 is longer than %2").with("a", n); };
    QVERIFY(make(1) == make(1));
    QVERIFY(!(make(1) == make(2)));
    // Patterns compare by text, not by address.
    std::string copy = "must not be empty";
    QVERIFY(Message::text("nsgate::test", copy.c_str()) == NSGATE_TEXT("nsgate::test", "must not be empty"));
    QVERIFY(!(NSGATE_TEXT("nsgate::test", "must not be empty") == NSGATE_TEXT("nsgate::other", "must not be empty")));
    // A value is not the pattern of the same text.
    QVERIFY(!(Message::value("must not be empty") == NSGATE_TEXT("nsgate::test", "must not be empty")));
    QVERIFY(Message::value("x") == Message::value("x"));
    QVERIFY(Message() == Message());
}

void TestMessage::errorAndIssueCarryText()
{
    const Message text = NSGATE_TEXT("nsgate::test", "field %1: %2").with("a", "b");
    const Error error = makeError("x.invalid", text, "detail");
    QCOMPARE(error.message, std::string("field a: b"));
    QVERIFY(error.text == text);
    QCOMPARE(error.detail, std::string("detail"));
    // Equality is by code, message and detail, as before the text was added.
    QVERIFY(error == makeError("x.invalid", std::string("field a: b"), "detail"));
    QVERIFY(errorText(error) == text);
    QVERIFY(errorText(makeError("x.invalid", std::string("plain"))) == Message::value("plain"));

    const model::Issue issue = model::makeIssue("/a", text);
    QCOMPARE(issue.message, std::string("field a: b"));
    QVERIFY(issue == (model::Issue{"/a", "field a: b"}));
}

void TestMessage::translatesPatternsAndNested()
{
    const Message inner = NSGATE_TEXT("nsgate::test", "must not be empty");
    const Message outer = NSGATE_TEXT("nsgate::test", "field %1: %2").with("%2", inner);
    const Message reordered = NSGATE_TEXT("nsgate::test", "%1 is longer than %2").with("a", 5);
    const Message unknown = NSGATE_TEXT("nsgate::test", "no translation for %1").with(inner);

    // No catalogue: byte for byte the English text.
    QCOMPARE(client::translated(outer), QString::fromStdString(outer.english()));

    TestTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QCOMPARE(client::translated(inner), QStringLiteral("darf nicht leer sein"));
    // The nested pattern is translated too; the value "%2" is not filled again.
    QCOMPARE(client::translated(outer), QStringLiteral("Feld %2: darf nicht leer sein"));
    // The translation puts %2 before %1.
    QCOMPARE(client::translated(reordered), QStringLiteral("5 ist kürzer als a"));
    // A pattern the catalogue lacks stays English; its arguments are still translated.
    QCOMPARE(client::translated(unknown), QStringLiteral("no translation for darf nicht leer sein"));
    QCOMPARE(client::translated(makeError("x.invalid", outer)), QStringLiteral("Feld %2: darf nicht leer sein"));
    QCOMPARE(client::translated(model::makeIssue("/a", reordered)), QStringLiteral("5 ist kürzer als a"));
    QVERIFY(QCoreApplication::removeTranslator(&translator));

    QCOMPARE(client::translated(reordered), QStringLiteral("a is longer than 5"));
}

void TestMessage::translatedFallsBack()
{
    TestTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    // An error or issue without text (from a proxy's answer) shows its message.
    QCOMPARE(client::translated(makeError("x.invalid", std::string("must not be empty"))),
             QStringLiteral("must not be empty"));
    QCOMPARE(client::translated(model::Issue{"/a", "Grüße", {}}), QStringLiteral("Grüße"));
    QCOMPARE(client::translated(Message::value("must not be empty")), QStringLiteral("must not be empty"));
    QVERIFY(QCoreApplication::removeTranslator(&translator));
}

QTEST_GUILESS_MAIN(TestMessage)
#include "tst_message.moc"
