#!/usr/bin/env python3
"""Check tests/gold/blind5.json and blind5-findings.json against fixtures/blind5 (the
checks are in check_blind.py). Run from the repository root: python3 tests/gold/check_blind5.py
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_blind import check  # noqa: E402

KEYWORDS = {
    'rail-deaths-three': ['Three people were killed', 'Three people were killed', 'Three people died', 'three people killed'],
    'rail-date-sunday': ['Sunday evening', 'Sunday evening', 'December 6', "Sunday's derailment", "Sunday's derailment"],
    'rail-passengers-210': ['210 passengers', '210 passengers', '210 passengers'],
    'rail-injured-40': ['At least 40', 'At least 40', 'More than 40'],
    'rail-bridge-checks': ['212 railway bridges', 'every railway bridge'],
    'rail-data-recorder': ['data recorder', 'data recorder'],
    'rail-speed-120': ['120 km/h', '120 km/h'],
    'rail-curve-limit-80': ['80 km/h', 'limited to 80 km/h'],
    'rail-sandell-head': ['The head of the board', 'who heads'],
    'rail-tveiten-quote-wire': ['Our thoughts are with every family', 'Our thoughts are with every family'],
    'rail-sabotage-ruled-out': ['ruled out sabotage', 'ruled out sabotage', 'sabotage had been ruled out'],
    'rail-reopen-thursday-wire': ['reopen on Thursday', 'reopen on Thursday'],
    'rail-drivers-warned': ['rough running', 'again and again'],
    'rail-injured-count': ['At least 40', 'At least 40', 'More than 40', '31 people were hurt'],
    'rail-serious-injuries': ['eight of them seriously', 'eight of them seriously', 'Six are in intensive care'],
    'rail-derailment-place': ['on the bridge over the Aske river', 'on the bridge over the Aske river', 'Sorby junction', 'Sorby junction'],
    'rail-sabotage': ['ruled out sabotage', 'ruled out sabotage', 'sabotage not ruled out', 'has not been ruled out'],
    'rail-maintenance-spending': ['rose last year', 'fell by 12 percent'],
    'rail-reopen-date': ['reopen on Thursday', 'reopen on Thursday', 'until Friday, December 11'],
    'rail-sandell-role': ['The head of the board', 'who heads', 'deputy head'],
    'rail-train-speed': ['about 80 km/h', '120 km/h', 'about 120 km/h'],
    'rail-deaths-update': ['Three people', 'Three people', 'Three people died', 'three people killed', 'rose to four'],
    'rail-injured-update': ['At least 40', 'At least 40', 'More than 40', '31 people were hurt', '46 people'],
    'rail-reopen-update': ['reopen on Thursday', 'reopen on Thursday', 'until Friday, December 11', 'December 14'],
    'rail-sabotage-update': ['has not been ruled out', 'sabotage had been ruled out'],
    'rail-tveiten-misquote': ['every family touched', 'every family touched', 'all the families affected'],
    'rail-inspected-misattribution': ['inspected eleven days ago', 'inspected eleven days ago'],
    'mine-vote-thursday': ['on Thursday', 'on Thursday', 'March 12'],
    'mine-vote-held-thursday': ['on Thursday', 'on Thursday evening'],
    'mine-current-royalty-4': ['from 4%', '4 per cent', '4 percent'],
    'mine-royalty-9-tabled': ['to 9%', '9 per cent', 'the 9% in the bill'],
    'mine-jobs-400': ['400 jobs', '400 jobs'],
    'mine-protest-3000-monday': ['About 3,000', 'About 3,000', 'Some 3,000'],
    'mine-output-rose': ['had risen last year', 'rose last year'],
    'mine-stays-open': ['would not close the mine', 'would stay open'],
    'mine-workforce-2600': ['2,600', '2,600'],
    'mine-vote-day': ['on Thursday', 'on Thursday', 'March 12', 'set for Friday'],
    'mine-royalty-rate': ['to 9%', '9 per cent', '7 percent'],
    'mine-workforce': ['2,600', '1,900'],
    'mine-closure': ['would not close the mine', 'refused to rule out closing', 'every option'],
    'mine-output': ['fell 8%', 'had risen', 'rose last year'],
    'mine-protest-place': ['outside the assembly building', 'outside the assembly', 'mine gates in Kesh'],
    'mine-tsybulin-role': ['finance minister', 'Finance Minister', 'Deputy finance minister', 'finance minister'],
    'mine-profitability': ['barely profitable', 'record dividends'],
    'mine-royalty-update': ['to 9%', '9 per cent', '8%'],
    'mine-jobs-update': ['400 jobs', '400 jobs', '250 jobs'],
    'mine-tsybulin-misquote': ['The copper belongs to the people of Lorvane', "This copper belongs to Lorvane's people"],
    'mine-valderrama-misquote': ['confiscation by another name', 'confiscation under another name'],
    'mine-ghost-town-misattribution': ['ghost town', 'ghost town'],
}

check("blind5", KEYWORDS, r"[0-9a-z£%’']+")
