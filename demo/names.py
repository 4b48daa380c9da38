"""The names of the demo's records, read from fixtures/, for the code and
the tests that look records up by name (tests/contests/conftest.py builds
a small registry of the same territories, named bodies and centers)."""

from . import data

REGISTRY = "demo_registry.json"
CONTESTS = "demo_contests.toml"
WORDS = "demo_words.toml"

_territories = {t["pk"]: t for t in data.fields(REGISTRY, "committees.territory")}
_committees = {c["pk"]: c for c in data.fields(REGISTRY, "committees.districtcommittee")}

# Territories in the report's order: (name, kind, genitive as the seed
# writes it after a center's name, e.g. «Импульс» Ленинского района).
TERRITORIES = [
    (t["name"], t["kind"], t["name_genitive"])
    for t in sorted(_territories.values(), key=lambda t: t["order"])
]

# Named TOS bodies of the seed (figure 7): name -> (territory, address).
NAMED_BODIES = {
    b["name"]: (_territories[_committees[b["committee"]]["territory"]]["name"], b["address"])
    for b in data.fields(REGISTRY, "committees.tosbody")
}

# Centers: name -> territory; the seed names those it crowns in the best
# center contest, the demo adds the rest, so that there are 45.
_centers = {c["name"]: _territories[c["territory"]]["name"]
            for c in data.fields(REGISTRY, "centers.center")}
_seed = {name for direction in data.toml(CONTESTS)["best_center"]["winners"]
         for name in direction}
SEED_CENTERS = {name: territory for name, territory in _centers.items() if name in _seed}
MORE_CENTERS = {name: territory for name, territory in _centers.items() if name not in _seed}

LOGINS = data.toml(WORDS)["logins"]
DEMO_USERNAMES = [person["username"] for person in LOGINS["people"]]

