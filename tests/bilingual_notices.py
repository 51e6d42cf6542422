"""One vacancy's notice in English and in French, written for these tests (not a real notice).

The French one is laid out differently from the English one and from NATO's English notices: a labelled
header block, dashes for bullets, "CONDITIONS ESSENTIELLES", competencies with their level after a colon.
"""

from __future__ import annotations

REFERENCE = "260901"

ENGLISH = """Policy Officer (Arms Control)
NATO International Staff
Reference: 260901
Location: Brussels, Belgium
Application Deadline: 15-Jan-2027, 11:59:00 PM
1. SUMMARY
The Arms Control Section advises Allies on conventional arms control.
The incumbent will cover the following principal issues:
* the Treaty on Conventional Armed Forces in Europe;
* confidence- and security-building measures.
Key challenges facing the successful candidate during the next two years will likely include:
* drafting analyses for the Council at short notice;
* leading a network of national experts.
2. QUALIFICATIONS AND EXPERIENCE
ESSENTIAL
The incumbent must:
* have a university degree in a relevant field;
* have at least 5 years of experience in arms control policy;
DESIRABLE
The following would be considered an advantage:
* experience in a national delegation to NATO.
"""

FRENCH = """OTAN – Secrétariat international
Avis de vacance de poste n° 260901

Intitulé du poste : Chargé(e) de politique (maîtrise des armements)
Référence : 260901
Grade : G15
Lieu d'affectation : Bruxelles (Belgique)
Date limite de candidature : 15 janvier 2027 à 23 h 59 (heure de Bruxelles)

1. RÉSUMÉ
La Section Maîtrise des armements conseille les Alliés sur la maîtrise des armements conventionnels.
Le/La titulaire du poste suivra principalement les dossiers suivants :
– le Traité sur les forces armées conventionnelles en Europe ;
– les mesures de confiance et de sécurité.
Au cours des deux prochaines années, les principaux défis à relever seront notamment les suivants :
– rédiger des analyses pour le Conseil dans des délais courts ;
– animer un réseau d'experts nationaux.

2. QUALIFICATIONS ET EXPÉRIENCE
CONDITIONS ESSENTIELLES
Le/La titulaire du poste doit :
– être titulaire d'un diplôme universitaire dans une discipline pertinente ;
– avoir au moins 5 ans d'expérience dans le domaine de la maîtrise des armements.
CONDITIONS SOUHAITABLES
Seraient considérés comme des atouts :
– une expérience au sein d'une délégation nationale auprès de l'OTAN ;
– la connaissance du russe.

3. COMPÉTENCES
Le/La titulaire du poste doit faire preuve des compétences suivantes :
– Esprit d'analyse : niveau 3 ;
– Communication et relations : niveau 3 ;
– Souplesse : niveau 2.
"""
