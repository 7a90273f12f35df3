#!/usr/bin/env python3
"""Check tests/gold/blind6.json and blind6-findings.json against fixtures/blind6 (the
checks are in check_blind.py). Run from the repository root: python3 tests/gold/check_blind6.py
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_blind import check  # noqa: E402

KEYWORDS = {
    'water-households-38000': ['38,000 Drummelin homes', 'covered 38,000 households', 'covered 38,000 households', 'Some 38,000 homes', '38,000 homes'],
    'water-hospital-27': ['At least 27', 'At least 27', 'At least 27'],
    'water-leak-saturday': ['late on Saturday', 'late on Saturday', 'night of February 14'],
    'water-varga-quote-wire': ['Nobody should drink', 'Nobody should drink'],
    'water-plant-harnby': ['plant in Harnby', 'plant in Harnby', 'Harnby plant'],
    'water-notice-lift-date': ['lift it by Wednesday', 'lift it by Wednesday', 'until at least Saturday'],
    'water-spill-volume': ['About 4,000 litres', 'About 4,000 litres', '# Up to 12,000', 'Up to 12,000 litres of toluene'],
    'water-leak-date': ['late on Saturday', 'late on Saturday', 'night of February 14', 'Friday night'],
    'water-plant-place': ['plant in Harnby', 'plant in Harnby', 'Harnby plant', 'site at Welling'],
    'water-hospital-count': ['At least 27', 'At least 27', 'At least 27', 'In total 19'],
    'water-procedures': ['followed all safety procedures', 'had not followed its own procedures",', 'had not followed its own procedures for'],
    'water-toluene-trend': ['were falling', 'were falling', 'still rising'],
    'water-varga-role': ['chief executive Ilse Varga', 'chief executive Ilse Varga', 'chief executive Ilse Varga', 'operations director Ilse Varga'],
    'water-leak-duration': ['within two hours', 'dripping for weeks'],
    'water-volume-update': ['About 4,000 litres', 'About 4,000 litres', '9,000 litres'],
    'water-hospital-update': ['At least 27', 'At least 27', 'At least 27', 'In total 19', '63 people'],
    'water-notice-lifted': ['lift it by Wednesday', 'lift it by Wednesday', 'until at least Saturday', 'lifted its do-not-drink notice'],
    'water-distribution-points': ['six distribution points', 'eight distribution points'],
    'water-varga-misquote': ['Nobody should drink', 'Nobody should drink', 'No one should drink'],
    'water-vashchenko-misquote': ['hold whoever is responsible to account', 'Whoever is responsible will be held to account'],
    'water-boiling-misattribution': ['Boiling will not make it safe', 'Boiling will not make it safe'],
    'ret-accuracy-94': ['94% accuracy', '94 per cent'],
    'ret-corrigan-paused': ['paused a trial', 'paused its trial'],
    'ret-retracted-tuesday': ['on Tuesday retracted', 'a day after'],
    'ret-accuracy': ['94% accuracy', '94 per cent', '91% accuracy'],
    'ret-retraction-date': ['on Tuesday retracted', 'a day after', 'on Monday'],
    'ret-authors-agreed': ['did not agree with the retraction', 'All four authors had agreed'],
    'ret-trial-place': ['three hospitals in Norrvik', 'hospitals in Kallmar'],
    'ret-aydin-role': ['postdoctoral researcher', 'associate professor'],
    'ret-images-count': ['At least 11 images', 'seven images'],
    'ret-verbeek-papers': ['two other papers', 'three other papers'],
    'ret-images-update': ['seven images', '14 manipulated images'],
    'ret-trial-ended': ['paused a trial', 'paused its trial', 'ended its trial'],
    'ret-quartey-lind-misquote': ['I stand by the science', 'I stand by our science'],
    'ret-aydin-misquote': ['never seen the raw images', 'never worked with the images'],
    'ret-serious-case-misattribution': ['most serious case', 'most serious case'],
    'strike-postponed-1100': ['1,100 operations', '1,100 operations'],
    'strike-3000': ['More than 3,000', 'Some 3,000'],
    'strike-start-tuesday': ['from Tuesday', '7am on Tuesday', '7am on Tuesday', 'on Tuesday'],
    'strike-offer-3.5': ['pay offer of 3.5%', 'more than 3.5%', 'up from 3.5%'],
    'strike-emergency-open': ['emergency departments', 'Emergency care is running as normal'],
    'strike-48-hours': ['48 hours from Tuesday', 'for 48 hours from 7am', '48-hour strike'],
    'strike-pay-offer': ['3% pay offer', 'pay offer of 3.5%', 'more than 3.5%'],
    'strike-ballot': ['87% of members', '78%'],
    'strike-duration': ['48 hours from Tuesday', 'for 48 hours from 7am', 'three-day strike'],
    'strike-talks': ['meet union leaders', 'No talks took place'],
    'strike-picket-place': ['main entrance', 'Wexley Road entrance'],
    'strike-vacancies': ['fallen to 310', 'risen to 450'],
    'strike-minister-role': ['Junior health minister', 'Health Minister Ingrid'],
    'strike-postponed-update': ['1,100 operations', '1,100 operations', '2,300 operations'],
    'strike-offer-update': ['pay offer of 3.5%', 'more than 3.5%', 'pay offer to 4%'],
    'strike-second-strike-update': ['second strike', 'had been suspended'],
    'strike-hrytsenko-misquote': ['they are underpaid', 'exhausted, underpaid and out of patience'],
    'strike-safety-misattribution': ['Patient safety', 'Patient safety'],
}

check("blind6", KEYWORDS, r"[0-9a-z£%’'ıæ]+")
