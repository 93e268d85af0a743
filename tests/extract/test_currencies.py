"""Every currency (issue 11): CLDR names, heads, codes and symbols from patterns/*/currencies.yaml, dollar
variants, scale suffixes, sub-units and accounting negatives. Each rule on a sentence of its own."""
import pytest
from extract_support import check

CASES = [
    # full CLDR names, plural forms, former currencies (case-insensitive)
    ("en", "Exports reached 12 billion Hungarian forints.", [("12 billion Hungarian forints", "money", 1.2e10, "HUF")]),
    ("en", "The 1998 budget set aside 900 million finnish markkas.",
     [("900 million finnish markkas", "money", 9e8, "FIM")]),
    ("en", "a loan of 45 million Polish zloty", [("45 million Polish zloty", "money", 4.5e7, "PLN")]),
    ("en", "They bought it for 3 billion Icelandic kronur.", [("3 billion Icelandic kronur", "money", 3e9, "ISK")]),
    # a bare head that names one currency (peseta: the Spanish one)
    ("en", "Rice sells for 2,500 naira a bag.", [("2,500 naira", "money", 2500, "NGN")]),
    ("en", "The villa cost 12 million pesetas in 1990.", [("12 million pesetas", "money", 1.2e7, "ESP")]),
    # a head that is an ordinary word is money only after a scale word
    ("en", "Hyundai posted 1.2 trillion won in profit.", [("1.2 trillion won", "money", 1.2e12, "KRW")]),
    ("en", "The miner paid 300 million rand in royalties.", [("300 million rand", "money", 3e8, "ZAR")]),
    # ISO codes from CLDR in upper case, before or after the number
    ("en", "The fine is 250 GHS per offence.", [("250 GHS", "money", 250, "GHS")]),
    ("en", "Tickets cost UAH 300 at the door.", [("UAH 300", "money", 300, "UAH")]),
    # symbols that name one currency, before or after the number
    ("en", "A night there costs 90₾.", [("90₾", "money", 90, "GEL")]),
    ("en", "The fare is ₦1,500.", [("₦1,500", "money", 1500, "NGN")]),
    ("en", "a 40 zł ticket", [("40 zł", "money", 40, "PLN")]),
    ("en", "Bus fares rose to 8,000 ₭ this year.", [("8,000 ₭", "money", 8000, "LAK")]),
    # prefixed dollars: CLDR symbols (MX$), curated ones (S$), a code with $ in any case and spacing
    ("en", "Lunch costs MX$ 250 in the capital.", [("MX$ 250", "money", 250, "MXN")]),
    ("en", "Fares start at S$ 12.", [("S$ 12", "money", 12, "SGD")]),
    ("en", "A day pass is C$ 9.", [("C$ 9", "money", 9, "CAD")]),  # curated: not CLDR's córdoba
    ("en", "The kit is priced at aud$ 30.", [("aud$ 30", "money", 30, "AUD")]),
    ("en", "Delivery adds NZD $ 40.", [("NZD $ 40", "money", 40, "NZD")]),
    ("en", "Parking is sgd$5 an hour.", [("sgd$5", "money", 5, "SGD")]),
    # the article before a dollar sign is no A$ (one letter is never spaced from its $); HK $ still is
    ("en", "The bank paid a $5m fine.", [("$5m", "money", 5e6, "USD")]),
    ("en", "It was a $2.5bn deal, priced at HK $ 12 a share.",
     [("$2.5bn", "money", 2.5e9, "USD"), ("HK $ 12", "money", 12, "HKD")]),
    # a currency name before a number with a scale word
    ("en", "The plan has a budget of euro 300 million.", [("euro 300 million", "money", 3e8, "EUR")]),
    ("en", "Net debt stood at Polish zloty 2 billion.", [("Polish zloty 2 billion", "money", 2e9, "PLN")]),
    # a capital T after a prefixed amount is a trillion; a lower-case t is not
    ("en", "Its market value hit $3.1T on Friday.", [("$3.1T", "money", 3.1e12, "USD")]),
    ("en", "They sell $20t-shirts.", [("$20", "money", 20, "USD")]),
    ("en", "Global debt is about $300trn.", [("$300trn", "money", 3e14, "USD", None, "~")]),
    # accounting negatives: in parentheses after a colon, a table gap or a verb; a conversion stays positive
    ("en", "Operating cash flow: ($4.2 million)", [("($4.2 million)", "money", -4.2e6, "USD")]),
    ("en", "Net change   (€310)", [("(€310)", "money", -310, "EUR")]),
    ("en", "It costs €15 ($16) to enter.", [("€15", "money", 15, "EUR"), ("$16", "money", 16, "USD")]),
    # Indian grouping next to a rupee; thousands grouped by spaces before a currency
    ("en", "a grant of 2,50,000 rupees", [("2,50,000 rupees", "money", 250000, "INR")]),
    ("en", "Fees total ₹3,45,678 this year.", [("₹3,45,678", "money", 345678, "INR")]),
    ("en", "He was fined 25 000 euros.", [("25 000 euros", "money", 25000, "EUR")]),
    # penny in the singular and pennies are the pound's sub-unit too (was a count of "penny")
    ("en", "A stamp used to cost 1 penny.", [("1 penny", "money", 0.01, "GBP")]),
    ("en", "Fuel duty rose by three pennies a litre.", [("three pennies", "money", 0.03, "GBP")]),
    # a digit after a tenth sub-unit is the next one down: eight yuan three mao two = 8.32
    ("en", "A bowl of noodles is eight yuan three mao two.", [("eight yuan three mao two", "money", 8.32, "CNY")]),
    # Chinese: CLDR names (and 圆 for 元), heads without their territory, codes, symbols, dollar codes
    ("zh", "出口额为3500万格鲁吉亚拉里。", [("3500万格鲁吉亚拉里", "money", 3.5e7, "GEL")]),
    ("zh", "该项目获得2000万奈拉资助。", [("2000万奈拉", "money", 2e7, "NGN")]),
    ("zh", "售价为450兹罗提。", [("450兹罗提", "money", 450, "PLN")]),
    ("zh", "合计捐款2.5万加拿大圆。", [("2.5万加拿大圆", "money", 2.5e4, "CAD")]),
    ("zh", "门票每张90₾。", [("90₾", "money", 90, "GEL")]),
    ("zh", "售价3000 UAH。", [("3000 UAH", "money", 3000, "UAH")]),
    ("zh", "手续费为PLN 200。", [("PLN 200", "money", 200, "PLN")]),
    ("zh", "运费CAD$200。", [("CAD$200", "money", 200, "CAD")]),
    # C$ stays the Canadian dollar (hand-curated over CLDR's córdoba)
    ("zh", "机票价格为C$560。", [("C$560", "money", 560, "CAD")]),
]


@pytest.mark.parametrize("lang,sentence,expected", CASES, ids=[c[1][:30] for c in CASES])
def test_currency(lang, sentence, expected):
    check(lang, sentence, expected)


NOT_MONEY = [
    ("en", "The striker won 3 titles in a row."),             # won: a verb
    ("en", "Shares passed the 40,000 mark in May."),          # mark: a level
    ("en", "The firm won 5 million new customers."),          # won before a number is no name prefix
    ("en", "The ranking lists the TOP 10 brands."),           # TOP: a code left out (an English word)
    ("en", "Delegates met at COP 28 in Dubai."),              # COP: left out (a conference)
    ("en", "all 20 members voted"),                           # all: a code only in upper case (and left out)
    ("en", "The top 5 gel packs sold out."),                  # gel: a code only in upper case
    ("en", "Chapter 12,34 and 56"),                            # Indian grouping only next to a rupee
    ("en", "Group 5 100 firms joined."),                      # spaced thousands only before a currency
    ("zh", "入选TOP10企业名单。"),
    ("zh", "新增100 USDT稳定币。"),                           # USDT is not the US dollar
]


@pytest.mark.parametrize("lang,sentence", NOT_MONEY, ids=[c[1][:24] for c in NOT_MONEY])
def test_not_money(lang, sentence, figures):
    assert [f.text for f in figures(sentence, lang) if f.kind == "money"] == []


def test_lower_case_name_prefix_keeps_its_scale(figures):
    got = [(f.text, f.value, f.unit) for f in figures("reserves of dollar 1.5 billion", "en")]
    assert got == [("dollar 1.5 billion", 1.5e9, "USD")]
