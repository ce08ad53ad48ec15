"""Word lists of the language of news and press releases: cue verbs, titles, markers."""

from __future__ import annotations

from ingest.names.titlebook import load_titles


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that report speech or writing, in the forms that appear in news copy.
CUE_VERBS = _words(
    """say says said saying tell tells told add adds added write writes wrote written
    state states stated note notes noted argue argues argued explain explains explained
    warn warns warned insist insists insisted assert asserts asserted declare declares declared
    remark remarks remarked comment comments commented conclude concludes concluded
    observe observes observed announce announces announced acknowledge acknowledges acknowledged
    emphasize emphasizes emphasized emphasise emphasises emphasised stress stresses stressed
    suggest suggests suggested claim claims claimed continue continues continued
    recall recalls recalled predict predicts predicted urge urges urged caution cautions cautioned
    contend contends contended maintain maintains maintained reply replies replied
    respond responds responded admit admits admitted confirm confirms confirmed
    tweet tweets tweeted post posts posted testify testifies testified ask asks asked
    wonder wonders wondered quip quips quipped concede concedes conceded boast boasts boasted
    complain complains complained reiterate reiterates reiterated shout shouts shouted
    exclaim exclaims exclaimed answer answers answered joke jokes joked counter counters countered
    retort retorts retorted assure assures assured"""
)

# Verbs that can carry a partial quotation ("outlined a vision of an '...'").
PARTIAL_CUE_VERBS = CUE_VERBS | _words(
    """outline outlines outlined call calls called describe describes described
    dub dubs dubbed term terms termed label labels labelled labeled promise promises promised
    vow vows vowed pledge pledges pledged demand demands demanded"""
)

SUBJECT_PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n", "we": "p"}

# Title words come from data (`data/titles.yaml`): heads ("secretary") and modifiers ("deputy").
TITLE_HEADS = load_titles().heads
TITLE_MODIFIERS = load_titles().modifiers

# Status markers on a role.
ROLE_MARKERS = frozenset({"former", "new", "acting", "outgoing", "incoming", "interim", "then"})

# Capitalised words that belong to organisation or title names, never to a person's name.
ORG_WORDS = _words(
    """administration security affairs industry commerce policy studies department office
    bureau agency committee council commission institute institution center centre foundation
    trade export science technology research state defense defence treasury energy justice
    homeland intelligence university school party ministry government international national
    federal foreign economic development innovation engines engine programs program board
    authority service services corporation company group association union forum house
    senate congress assembly parliament cabinet staff force navy army enforcement management
    compliance operations legislative public diplomacy infrastructure communications information
    investment finance budget transportation health education labor labour agriculture environment
    emerging critical strategic global affairs planning analysis digital cyber space
    transport housing culture media sport business climate employment economy interior welfare
    relations judiciary appropriations intelligence"""
)

# Common nouns that stand for an organisation named earlier: "the agency said", "company head X",
# "the ministry will provide".
ORG_NOUNS = _words(
    """agency organisation organization company firm group department ministry bureau committee
    commission office institute council government foundation administration panel regulator center
    centre fund bank trust university"""
)

# Words naming a legislature or its committees: bodies that announce money but do not give it.
LEGISLATURE_WORDS = _words("senate house congress parliament committee subcommittee assembly caucus")

CONNECTORS = frozenset({"of", "for", "and", "the", "&", "on", "at"})

# Words that make a quoted phrase a label rather than speech ("the 'X' program").
LABEL_NOUNS = _words(
    """program programme plan policy initiative strategy act law mantra slogan campaign
    project scheme doctrine concept idea term phrase label"""
)

# Last words that make a capitalised name an organisation, or a programme or law.
ORG_HEADS = _words(
    """lab laboratory institute institution center centre council agency foundation committee
    office ministry department bureau commission forum trust consortium school university college
    association group company corporation corp corp. inc inc. ltd ltd. authority board fund bank
    alliance coalition network society academy federation labs laboratories institutes ventures
    technologies industries holdings command"""
)
POLICY_HEADS = _words("""act law program programme initiative plan strategy scheme bill""")

# Verbs that headlines write in Title Case ("Raimondo Visits Atlanta", "Senator Vows ..."): in a
# headline such a word ends a name the model ran on into it.
HEADLINE_VERBS = CUE_VERBS | _words(
    """announce announces visit visits vow vows unveil unveils launch launches award awards invest
    invests introduce introduces urge urges tour tours hold holds join joins commit commits expand
    expands reach reaches sign signs approve approves select selects establish establishes release
    releases back backs boost boosts secure secures open opens take takes set sets seek seeks win wins
    lead leads push pushes host hosts begin begins help helps tackle tackles protect protects address
    addresses applaud applauds welcome welcomes celebrate celebrates propose proposes pass passes block
    blocks ban bans charge charges agree agrees pay pays plead pleads fund funds reopen reopens
    support supports call calls meet meets name names appoint appoints nominate nominates highlight
    highlights deliver delivers build builds create creates lift lifts target targets order orders
    pledge pledges demand demands challenge challenges question questions grill grills press presses
    is are was were will"""
)
