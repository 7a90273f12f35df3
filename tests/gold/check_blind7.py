#!/usr/bin/env python3
"""Check tests/gold/blind7.json and blind7-findings.json against fixtures/blind7 (the
checks are in check_blind.py). Run from the repository root: python3 tests/gold/check_blind7.py
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_blind import check  # noqa: E402

KEYWORDS = {
    'out-start-540': ['failed at 5.40am', 'failed at 5.40am', 'began at 5.40am'],
    'out-skyvane-update': ['faulty software update at', 'faulty software update at', 'faulty software update from'],
    'out-no-cyberattack': ['no sign of a cyberattack', 'no sign of a cyberattack', 'no evidence of a cyberattack'],
    'out-minister-monday': ["meet the airline's board on Monday", "met the airline's board on Monday"],
    'out-untested-agree': ['had not been tested', 'had not been tested'],
    'out-wire-quote': ['We let our passengers', 'We let our passengers'],
    'out-wire-9000': ['About 9,000', 'About 9,000'],
    'out-wire-caa': ['full report by the end', 'full report by the end', 'report by June 30'],
    'out-flights': ['IT meltdown, airline says', 'cancelled more than 40', 'cancelled more than 40', 'about 30 Aurelle'],
    'out-passengers': ['About 9,000', 'About 9,000', 'Nearly 12,000'],
    'out-hotels': ['a dozen hotels', '15 hotels'],
    'out-refund-window': ['We let our passengers', 'We let our passengers', 'within a fortnight'],
    'out-start-time': ['failed at 5.40am', 'failed at 5.40am', 'began at 5.40am', 'shortly after 7am'],
    'out-datacentre-place': ['data centre in Brennholt', 'data centre, in Lisvik'],
    'out-tested': ['fully tested', 'had not been tested'],
    'out-minister-role': ['Transport Minister Teodor', 'Transport Minister Teodor Balasanian', 'Deputy Transport Minister'],
    'out-cause': ['faulty software update at', 'faulty software update at', 'spokeswoman said a power failure'],
    'out-blame-network': ['Chief executive Henrike', 'fault lay in Aurelle'],
    'out-flights-update': ['IT meltdown, airline says', 'cancelled more than 40', 'cancelled more than 40', 'about 30 Aurelle', '52 flights'],
    'out-tested-update': ['fully tested', 'had not been tested'],
    'out-apology-misquote': ['We let our passengers', 'We let our passengers', '"We have let'],
    'out-answers-misattribution': ['says he has phoned', 'Nearly 12,000'],
    'br-vehicles-24000': ['24,000 vehicles', '24,000 vehicles', '24,000 vehicles'],
    'br-cost-12m': ['12 million euros', '12 million euros', '12 million euros'],
    'br-wire-closure': ['was closed to all traffic', 'was closed to all traffic'],
    'br-wire-struve-quote': ['"Nobody will be allowed', 'Nobody will be allowed'],
    'br-wire-ferry': ['every 20 minutes', 'every 20 minutes'],
    'br-wire-precaution': ['24,000 vehicles', '24,000 vehicles'],
    'br-wire-half': ['12 million euros', '12 million euros'],
    'br-reopen-12weeks': ['No one crosses', 'one at a time'],
    'br-closed-tuesday': ['was closed to all traffic', 'was closed to all traffic', 'has insisted', 'closed to traffic on October 6'],
    'br-vehicles': ['24,000 vehicles', '24,000 vehicles', '24,000 vehicles', 'More than 30,000'],
    'br-hangers': ['was closed to all traffic', 'was closed to all traffic', 'three hangers'],
    'br-inspection-date': ['routine inspection', 'three hangers'],
    'br-duration': ['after cracks found, council says', '24,000 vehicles', '24,000 vehicles', 'No one crosses'],
    'br-ferry': ['every 20 minutes', 'every 20 minutes', 'every half hour'],
    'br-warned': ['has insisted', 'says it warned the city council', 'consultant says it flagged', 'had received Halden'],
    'br-okonkwo-role': ['24,000 vehicles', '24,000 vehicles', 'every half hour'],
    'br-diversion-place': ['Marrick Road', 'Old Mill Bridge'],
    'br-hangers-update': ['was closed to all traffic', 'was closed to all traffic', 'three hangers', 'five of the'],
    'br-cost-update': ['12 million euros', '12 million euros', '12 million euros', '19 million euros'],
    'br-reopen-update': ['after cracks found, council says', '24,000 vehicles', '24,000 vehicles', 'No one crosses', 'mid-December'],
    'br-struve-misquote': ['"Nobody will be allowed', 'Nobody will be allowed', 'No one crosses'],
    'br-maintenance-misattribution': ['Rhodri Vance', 'failure of maintenance'],
    'dop-suspended': ['integrity agency says', 'said on Monday that Yevhen', 'four-year ban'],
    'dop-four-years': ['up to four years', 'four-year ban'],
    'dop-stage': ['said on Monday that Yevhen', 'after stage 9'],
    'dop-concentration': ['15 times', 'after stage 9'],
    'dop-team-suspension': ['immediate effect', 'would not suspend'],
    'dop-lawyer-role': ['wrong temperature', 'never knowingly'],
    'dop-contract-update': ['immediate effect', 'would not suspend', 'terminated'],
    'dop-bsample-update': ['up to four years', 'B-sample of Yevgen'],
    'dop-denial-misquote': ['never taken a banned', 'never knowingly'],
    'dop-system-misattribution': ['wrong temperature', 'Ferreira-Lunde'],
}

check("blind7", KEYWORDS, r"[0-9a-z%’']+")
