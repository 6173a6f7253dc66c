"""Demo content of the secure database: the 2021–2022 needs catalogue, responses and sources."""

STRATEGIC_DOCUMENTS = [
    {
        "key": "ec-report-2021",
        "title": "2021 Enlargement Package: country reports on the Western Balkans",
        "issuer": "European Commission",
        "published": "2021-10-19",
        "pillars": ["WBCTi", "WBCSCi", "WBBSi"],
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
    },
    {
        "key": "ct-jap-2018",
        "title": "Joint Action Plan on Counter-Terrorism for the Western Balkans",
        "issuer": "European Commission and the Western Balkans partners",
        "published": "2018-10-05",
        "pillars": ["WBCTi"],
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
    },
    {
        "key": "unodc-rp-2020",
        "title": "Regional Programme for South Eastern Europe 2020–2023: programming document",
        "issuer": "UNODC",
        "published": "2020-03-02",
        "pillars": ["WBCTi", "WBCSCi"],
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
    },
    {
        "key": "osce-pcve-2021",
        "title": (
            "Preventing violent extremism and radicalisation that lead to terrorism in "
            "South-Eastern Europe: an analysis of local approaches"
        ),
        "issuer": "OSCE",
        "published": "2021-04-28",
        "pillars": ["WBCTi"],
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
    },
    {
        "key": "wb-socta-2021",
        "title": "Western Balkans Serious and Organised Crime Threat Assessment 2021",
        "issuer": "PCC SEE Secretariat",
        "published": "2021-06-15",
        "pillars": ["WBCSCi", "WBBSi"],
        "partners": [],
    },
    {
        "key": "frontex-wb-ara-2021",
        "title": "Western Balkans Annual Risk Analysis 2021",
        "issuer": "Frontex",
        "published": "2021-07-09",
        "pillars": ["WBBSi", "WBCSCi"],
        "partners": [],
    },
    {
        "key": "cve-strategy-al-2020",
        "title": "National Strategy on Countering Violent Extremism and Action Plan 2020–2023",
        "issuer": "Council of Ministers of Albania",
        "published": "2020-11-18",
        "pillars": ["WBCTi"],
        "partners": ["AL"],
    },
    {
        "key": "cve-strategy-xk-2021",
        "title": (
            "Strategy on Prevention of Violent Extremism and Radicalisation Leading to Terrorism "
            "2021–2026"
        ),
        "issuer": "Government of Kosovo*",
        "published": "2021-07-21",
        "pillars": ["WBCTi"],
        "partners": ["XK"],
    },
    {
        "key": "ibm-strategy-mk-2021",
        "title": "National Integrated Border Management Strategy 2021–2025 and Action Plan",
        "issuer": "Government of North Macedonia",
        "published": "2021-03-30",
        "pillars": ["WBBSi"],
        "partners": ["MK"],
    },
]

NEEDS = [
    {
        "code": "WBCTi-ANT-LEG-01",
        "pillar": "WBCTi",
        "axis": "Anticipate",
        "area": "legislation",
        "partners": ["AL", "BA", "ME", "MK"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "Legal basis for systematic sharing of terrorism-related threat information between "
            "security agencies"
        ),
        "state_of_play": (
            "Police, intelligence and prosecution services produce separate threat assessments, "
            "and the exchange of terrorism-related information rests mostly on ad hoc agreements "
            "between agencies."
        ),
        "gap": (
            "The laws on the security and intelligence services of the partners concerned do not "
            "regulate joint threat assessment or the handling of shared classified information, "
            "which prevents a common national picture of the terrorist threat."
        ),
        "action": (
            "Amend the legal framework by 2024 to define a joint threat assessment process, the "
            "role of each agency and data-protection safeguards for information sharing."
        ),
        "sources": ["ct-jap-2018", "ec-report-2021"],
    },
    {
        "code": "WBCTi-ANT-INS-01",
        "pillar": "WBCTi",
        "axis": "Anticipate",
        "area": "institutional",
        "partners": ["BA", "XK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "National counter-terrorism analysis units producing a consolidated situation picture"
        ),
        "state_of_play": (
            "Counter-terrorism analysis is fragmented across police, intelligence and border "
            "agencies; no single unit consolidates strategic reporting for decision makers."
        ),
        "gap": (
            "In Bosnia and Herzegovina, Kosovo* and Serbia there is no standing multi-agency "
            "analysis unit, and analysts lack a common methodology and software tools."
        ),
        "action": (
            "Establish or designate a multi-agency analysis unit with an agreed methodology and "
            "tools by 2024, producing an annual classified threat assessment and a public "
            "summary."
        ),
        "sources": ["ct-jap-2018"],
    },
    {
        "code": "WBCTi-ANT-INS-02",
        "pillar": "WBCTi",
        "axis": "Anticipate",
        "area": "institutional",
        "partners": ["ME", "MK"],
        "timeframe": "short",
        "status": "validated",
        "title": (
            "Connection of counter-terrorism units to the counter-terrorism area of Europol's SIENA"
        ),
        "state_of_play": (
            "Montenegro and North Macedonia have operational agreements with Europol, but their "
            "counter-terrorism units are not yet connected to the dedicated counter-terrorism "
            "area of SIENA."
        ),
        "gap": (
            "Messages on terrorism cases pass only through the national contact point, which "
            "delays exchanges and leaves counter-terrorism units without direct access to EU "
            "analysis projects."
        ),
        "action": (
            "Connect the counter-terrorism units to the SIENA counter-terrorism area and train "
            "operators within 12 months."
        ),
        "sources": [],
    },
    {
        "code": "WBCTi-ANT-OPE-01",
        "pillar": "WBCTi",
        "axis": "Anticipate",
        "area": "operational",
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "Capacity to detect and analyse online terrorist and violent extremist content in "
            "local languages"
        ),
        "state_of_play": (
            "Terrorist and violent extremist propaganda in the languages of the region "
            "circulates on mainstream and fringe platforms; monitoring is done by a few officers "
            "without dedicated tools."
        ),
        "gap": (
            "Police units across the region lack open-source intelligence tools, "
            "language-specific expertise and working channels with online service providers for "
            "referrals and preservation requests."
        ),
        "action": (
            "Equip and train dedicated internet referral capacities, set up cooperation with the "
            "EU Internet Referral Unit and the main platforms, and run joint referral action "
            "days by 2024."
        ),
        "sources": ["osce-pcve-2021", "ec-report-2021"],
    },
    {
        "code": "WBCTi-ANT-OPE-02",
        "pillar": "WBCTi",
        "axis": "Anticipate",
        "area": "operational",
        "partners": ["BA", "XK"],
        "timeframe": "short",
        "status": "proposed",
        "title": "Structured risk assessment of returnees from foreign terrorist fighting",
        "state_of_play": (
            "Returnees from Syria and Iraq are assessed case by case by intelligence and "
            "probation services without a validated instrument."
        ),
        "gap": (
            "Bosnia and Herzegovina and Kosovo* lack a common, validated risk assessment tool "
            "and trained assessors for adult and adolescent returnees."
        ),
        "action": (
            "Adapt a validated risk assessment instrument and certify a pool of assessors within "
            "12 months, ahead of the next releases from prison."
        ),
        "sources": [],
    },
    {
        "code": "WBCTi-PRE-LEG-01",
        "pillar": "WBCTi",
        "axis": "Prevent",
        "area": "legislation",
        "partners": ["AL", "XK", "RS"],
        "timeframe": "short",
        "status": "validated",
        "title": "Renewal of national strategies and action plans for countering violent extremism",
        "state_of_play": (
            "The first generation of strategies for countering violent extremism has expired or "
            "is close to expiry, and implementation reports show uneven delivery of action plan "
            "measures."
        ),
        "gap": (
            "In Albania, Kosovo* and Serbia the follow-up strategies are not yet adopted, and "
            "the action plans lack costed measures, indicators and a monitoring body."
        ),
        "action": (
            "Adopt follow-up strategies with costed action plans and a monitoring and evaluation "
            "framework by the end of 2022."
        ),
        "sources": ["cve-strategy-al-2020", "cve-strategy-xk-2021"],
    },
    {
        "code": "WBCTi-PRE-INS-01",
        "pillar": "WBCTi",
        "axis": "Prevent",
        "area": "institutional",
        "partners": ["AL", "BA", "ME", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Local multi-agency referral mechanisms for individuals at risk of radicalisation",
        "state_of_play": (
            "Several municipalities have piloted community safety councils and referral "
            "mechanisms, mostly with donor support and without a legal mandate."
        ),
        "gap": (
            "Referral mechanisms are missing in most municipalities, and social services, "
            "schools and police have no agreed protocols for information sharing and case "
            "management."
        ),
        "action": (
            "Institutionalise local referral mechanisms with standard protocols and trained case "
            "managers in priority municipalities by 2024."
        ),
        "sources": ["osce-pcve-2021"],
    },
    {
        "code": "WBCTi-PRE-INS-02",
        "pillar": "WBCTi",
        "axis": "Prevent",
        "area": "institutional",
        "partners": ["MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Prison intelligence and assessment units to prevent radicalisation in prisons",
        "state_of_play": (
            "Convicted terrorist offenders are held among the general prison population or in "
            "isolation regimes decided case by case."
        ),
        "gap": (
            "The prison administrations of North Macedonia and Serbia lack dedicated "
            "intelligence units, classification procedures and disengagement programmes for "
            "violent extremist prisoners."
        ),
        "action": (
            "Set up prison intelligence and assessment units with classification procedures and "
            "pilot disengagement programmes in two facilities by 2024."
        ),
        "sources": ["unodc-rp-2020"],
    },
    {
        "code": "WBCTi-PRE-OPE-01",
        "pillar": "WBCTi",
        "axis": "Prevent",
        "area": "operational",
        "partners": ["AL", "BA", "XK", "MK"],
        "timeframe": "long",
        "status": "validated",
        "title": (
            "Rehabilitation and reintegration of returnees from foreign terrorist fighting and "
            "their families"
        ),
        "state_of_play": (
            "Several hundred nationals, many of them women and children, have been repatriated "
            "from camps in north-east Syria; their reintegration relies on short-term projects."
        ),
        "gap": (
            "Health, education and social welfare services in the receiving municipalities lack "
            "sustained funding, trained staff and case coordination for returnee families."
        ),
        "action": (
            "Build multi-agency reintegration programmes funded from national budgets over the "
            "next five years, with psychosocial support and school reintegration for children."
        ),
        "sources": ["ec-report-2021"],
    },
    {
        "code": "WBCTi-PRE-OPE-02",
        "pillar": "WBCTi",
        "axis": "Prevent",
        "area": "operational",
        "partners": ["ME"],
        "timeframe": "short",
        "status": "proposed",
        "title": "Training of prison and probation staff to recognise signs of radicalisation",
        "state_of_play": (
            "Prison and probation staff in Montenegro have attended only occasional awareness "
            "sessions on violent extremism."
        ),
        "gap": (
            "There is no training curriculum on recognising and reporting signs of "
            "radicalisation, including among prisoners convicted of offences other than "
            "terrorism."
        ),
        "action": (
            "Develop a training curriculum and train frontline prison and probation staff within "
            "12 months."
        ),
        "sources": [],
    },
    {
        "code": "WBCTi-PRO-LEG-01",
        "pillar": "WBCTi",
        "axis": "Protect",
        "area": "legislation",
        "partners": ["BA", "ME", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Legislation on the resilience of critical entities aligned with the EU acquis",
        "state_of_play": (
            "Critical infrastructure is protected under sectoral laws; designation criteria and "
            "obligations of operators are incomplete."
        ),
        "gap": (
            "Bosnia and Herzegovina, Montenegro and Serbia have not yet aligned with the EU "
            "framework on the resilience of critical entities, and no authority oversees "
            "dependencies between sectors."
        ),
        "action": (
            "Adopt framework legislation on critical entities by 2024, defining designation "
            "criteria, resilience plans of operators and a competent authority."
        ),
        "sources": ["ec-report-2021"],
    },
    {
        "code": "WBCTi-PRO-LEG-02",
        "pillar": "WBCTi",
        "axis": "Protect",
        "area": "legislation",
        "partners": ["AL", "XK"],
        "timeframe": "medium",
        "status": "proposed",
        "title": "Rules on the marketing and use of explosives precursors",
        "state_of_play": (
            "Chemicals that can be used to make home-made explosives are sold without any duty "
            "to report suspicious transactions."
        ),
        "gap": (
            "Albania and Kosovo* have no rules restricting access of the general public to "
            "explosives precursors and no contact point for suspicious transactions."
        ),
        "action": (
            "Align legislation with the EU regulation on explosives precursors and set up a "
            "contact point for reports of suspicious transactions by 2024."
        ),
        "sources": [],
    },
    {
        "code": "WBCTi-PRO-INS-01",
        "pillar": "WBCTi",
        "axis": "Protect",
        "area": "institutional",
        "partners": ["XK"],
        "timeframe": "short",
        "status": "proposed",
        "title": "Coordination mechanism for the protection of public spaces and soft targets",
        "state_of_play": (
            "Security at crowded places, places of worship and major events is planned event by "
            "event by the police and private operators."
        ),
        "gap": (
            "Kosovo* has no standing mechanism that brings the police, municipalities and "
            "private operators together on the protection of public spaces."
        ),
        "action": (
            "Set up a coordination mechanism and issue security guidance for operators of public "
            "spaces within 12 months."
        ),
        "sources": [],
    },
    {
        "code": "WBCTi-PRO-OPE-01",
        "pillar": "WBCTi",
        "axis": "Protect",
        "area": "operational",
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "timeframe": "long",
        "status": "validated",
        "title": (
            "Vulnerability assessments and security plans for operators of critical infrastructure"
        ),
        "state_of_play": (
            "Operators of energy, transport and water infrastructure carry out safety "
            "assessments but rarely consider terrorist and hybrid threats."
        ),
        "gap": (
            "Across the region few operators have tested security plans, and the competent "
            "authorities lack the methodology and staff to review them."
        ),
        "action": (
            "Introduce a common vulnerability assessment methodology, train authorities and "
            "operators, and test security plans in exercises over the next five years."
        ),
        "sources": ["ct-jap-2018"],
    },
    {
        "code": "WBCTi-PRO-OPE-02",
        "pillar": "WBCTi",
        "axis": "Protect",
        "area": "operational",
        "partners": ["RS"],
        "timeframe": "medium",
        "status": "proposed",
        "title": "Analytical capacity of the financial intelligence unit on terrorist financing",
        "state_of_play": (
            "The financial intelligence unit of Serbia receives suspicious transaction reports "
            "related to terrorist financing, but few lead to investigations."
        ),
        "gap": (
            "Analysts lack typologies on the abuse of non-profit organisations and money "
            "transfer services, and feedback from investigators is limited."
        ),
        "action": (
            "Develop terrorist financing typologies and a feedback mechanism with prosecutors by "
            "2024."
        ),
        "sources": [],
    },
    {
        "code": "WBCTi-RES-LEG-01",
        "pillar": "WBCTi",
        "axis": "Respond",
        "area": "legislation",
        "partners": ["BA", "MK"],
        "timeframe": "short",
        "status": "validated",
        "title": "Criminalisation of terrorist offences in line with Directive (EU) 2017/541",
        "state_of_play": (
            "Criminal codes criminalise terrorist acts and participation in foreign armed "
            "conflicts, but not all offences related to travel, training and financing."
        ),
        "gap": (
            "In Bosnia and Herzegovina and North Macedonia, receiving training for terrorism and "
            "travelling for the purpose of terrorism are not fully criminalised."
        ),
        "action": (
            "Amend the criminal codes in line with Directive (EU) 2017/541 by the end of 2022."
        ),
        "sources": ["ec-report-2021"],
    },
    {
        "code": "WBCTi-RES-INS-01",
        "pillar": "WBCTi",
        "axis": "Respond",
        "area": "institutional",
        "partners": ["AL", "XK", "ME", "MK"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "National crisis management structures and standard operating procedures for "
            "terrorist incidents"
        ),
        "state_of_play": (
            "Crisis management bodies exist at government level, but the roles of the police, "
            "special units, health services and civil protection in a terrorist incident are not "
            "set out in joint procedures."
        ),
        "gap": (
            "Albania, Kosovo*, Montenegro and North Macedonia lack tested joint standard "
            "operating procedures and a single command arrangement for terrorist incidents."
        ),
        "action": (
            "Adopt joint standard operating procedures and test them in national table-top "
            "exercises by 2024."
        ),
        "sources": ["ct-jap-2018"],
    },
    {
        "code": "WBCTi-RES-OPE-01",
        "pillar": "WBCTi",
        "axis": "Respond",
        "area": "operational",
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Regional crisis response exercises for special intervention units",
        "state_of_play": (
            "Special intervention units train nationally and take part in occasional exercises "
            "with units of EU Member States."
        ),
        "gap": (
            "Units across the region have little experience of cross-border scenarios such as "
            "hostage taking on international transport or simultaneous attacks."
        ),
        "action": (
            "Hold a regional full-scale exercise every two years from 2022, with joint training "
            "on the interoperability of communications and equipment."
        ),
        "sources": ["ct-jap-2018"],
    },
    {
        "code": "WBCTi-RES-OPE-02",
        "pillar": "WBCTi",
        "axis": "Respond",
        "area": "operational",
        "partners": ["AL", "BA", "XK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "Prosecution and adjudication of terrorism cases, including use of battlefield and "
            "electronic evidence"
        ),
        "state_of_play": (
            "Courts have tried returnees from foreign terrorist fighting mainly on the basis of "
            "intercepted communications and plea agreements, with short sentences."
        ),
        "gap": (
            "Prosecutors and judges lack skills in obtaining and using battlefield information, "
            "electronic evidence held by service providers abroad and financial evidence."
        ),
        "action": (
            "Train specialised prosecutors and judges and set up procedures for requesting "
            "electronic and battlefield evidence by 2024."
        ),
        "sources": ["unodc-rp-2020"],
    },
    {
        "code": "WBCTi-RES-INS-02",
        "pillar": "WBCTi",
        "axis": "Respond",
        "area": "institutional",
        "partners": ["ME"],
        "timeframe": "long",
        "status": "proposed",
        "title": "Rights of and support services for victims of terrorism",
        "state_of_play": (
            "Montenegro has no dedicated provisions on victims of terrorism; general victim "
            "support is provided by non-governmental organisations."
        ),
        "gap": (
            "There is no single contact point, compensation scheme or protocol for assisting "
            "victims after a terrorist incident."
        ),
        "action": (
            "Adopt provisions on the rights of victims of terrorism and designate a support "
            "contact point within the next five years."
        ),
        "sources": [],
    },
    {
        "code": "WBCSCi-PRE-LEG-01",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "legislation",
        "partners": ["AL", "BA", "ME", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Extended and non-conviction-based confiscation of criminal assets",
        "state_of_play": (
            "Confiscation of criminal assets remains low compared with the estimated proceeds of "
            "organised crime, and extended confiscation is rarely applied."
        ),
        "gap": (
            "Confiscation laws do not fully cover third-party and non-conviction-based "
            "confiscation, and the rules on the burden of proof are unclear in practice."
        ),
        "action": (
            "Amend confiscation legislation in line with the EU acquis and issue guidance for "
            "prosecutors by 2024."
        ),
        "sources": ["ec-report-2021", "unodc-rp-2020"],
    },
    {
        "code": "WBCSCi-PRE-LEG-02",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "legislation",
        "partners": ["BA", "XK"],
        "timeframe": "short",
        "status": "validated",
        "title": "Firearms legislation on deactivation, marking and legalisation of weapons",
        "state_of_play": (
            "Large numbers of unregistered weapons remain in private hands, and legalisation "
            "campaigns have had limited results."
        ),
        "gap": (
            "In Bosnia and Herzegovina and Kosovo*, deactivation and marking standards are not "
            "aligned with the EU Firearms Directive, and rules differ between levels of "
            "government."
        ),
        "action": (
            "Align firearms legislation on deactivation and marking with EU standards and launch "
            "a legalisation campaign by the end of 2022."
        ),
        "sources": ["unodc-rp-2020"],
    },
    {
        "code": "WBCSCi-PRE-LEG-03",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "legislation",
        "partners": ["ME"],
        "timeframe": "short",
        "status": "proposed",
        "title": "Register of beneficial owners of legal entities",
        "state_of_play": (
            "Montenegro has adopted legal provisions on beneficial ownership, but the register "
            "is incomplete and its data are not verified."
        ),
        "gap": (
            "Reporting entities and investigators cannot rely on the register, and sanctions for "
            "failing to report are not enforced."
        ),
        "action": (
            "Complete and verify the beneficial ownership register and enforce the reporting "
            "obligations within 12 months."
        ),
        "sources": [],
    },
    {
        "code": "WBCSCi-PRE-INS-01",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "institutional",
        "partners": ["AL", "XK", "ME"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Asset recovery offices and management of seized assets",
        "state_of_play": (
            "Asset recovery offices have been designated but work with few staff, and seized "
            "assets often lose value before final confiscation."
        ),
        "gap": (
            "Albania, Kosovo* and Montenegro lack an operational asset management office with "
            "procedures for interim sale and social reuse of seized assets."
        ),
        "action": (
            "Staff the asset recovery offices, set up asset management offices with interim sale "
            "procedures and join the CARIN network by 2024."
        ),
        "sources": ["ec-report-2021"],
    },
    {
        "code": "WBCSCi-PRE-INS-02",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "institutional",
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Firearms focal points and interoperable central weapons registries",
        "state_of_play": (
            "Firearms focal points have been established under the regional roadmap on small "
            "arms and light weapons, with uneven mandates and access to data."
        ),
        "gap": (
            "Weapons registries are not interoperable with police case management, and focal "
            "points cannot link seizures, ballistic results and tracing requests."
        ),
        "action": (
            "Give the firearms focal points full access to data and connect central weapons "
            "registries to police systems by 2024."
        ),
        "sources": ["unodc-rp-2020"],
    },
    {
        "code": "WBCSCi-PRE-INS-03",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "institutional",
        "partners": ["BA", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "Specialised cybercrime units and 24/7 contact points under the Budapest Convention"
        ),
        "state_of_play": (
            "Cybercrime units exist at central level but handle a growing caseload of online "
            "fraud and ransomware with few staff."
        ),
        "gap": (
            "In Bosnia and Herzegovina and Serbia the 24/7 contact points are not staffed around "
            "the clock, and cybercrime units have no regional branches."
        ),
        "action": (
            "Staff the 24/7 contact points permanently and extend cybercrime units to regional "
            "police directorates by 2024."
        ),
        "sources": ["ec-report-2021"],
    },
    {
        "code": "WBCSCi-PRE-OPE-01",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "operational",
        "partners": ["AL", "XK", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "National serious and organised crime threat assessments based on the SOCTA methodology"
        ),
        "state_of_play": (
            "Partners produce periodic organised crime assessments, but methodologies differ and "
            "the results are not used to set operational priorities."
        ),
        "gap": (
            "Albania, Kosovo*, North Macedonia and Serbia lack trained strategic analysts and "
            "data collection rules to apply the EU SOCTA methodology."
        ),
        "action": (
            "Train strategic analysts and produce a first SOCTA-based assessment with "
            "operational priorities by 2024."
        ),
        "sources": ["wb-socta-2021"],
    },
    {
        "code": "WBCSCi-PRE-OPE-02",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "operational",
        "partners": ["MK"],
        "timeframe": "short",
        "status": "proposed",
        "title": "Identification of victims of trafficking in human beings for labour exploitation",
        "state_of_play": (
            "Most identified victims of trafficking in North Macedonia are exploited sexually; "
            "cases of labour exploitation are rarely detected."
        ),
        "gap": (
            "Labour inspectors and social workers are not trained to recognise indicators of "
            "labour exploitation and do not refer cases to the national referral mechanism."
        ),
        "action": (
            "Train labour inspectors and social workers and include them in the national "
            "referral mechanism within 12 months."
        ),
        "sources": [],
    },
    {
        "code": "WBCSCi-PRE-OPE-03",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "operational",
        "partners": ["AL", "BA", "ME"],
        "timeframe": "long",
        "status": "validated",
        "title": "Early warning systems on new psychoactive substances and drug markets",
        "state_of_play": (
            "National drug observatories collect data on drug use but have little information on "
            "new psychoactive substances and synthetic drugs."
        ),
        "gap": (
            "Albania, Bosnia and Herzegovina and Montenegro lack an early warning system linking "
            "forensic laboratories, health services and the police."
        ),
        "action": (
            "Set up national early warning systems connected to the EU drugs agency over the "
            "next five years."
        ),
        "sources": ["unodc-rp-2020"],
    },
    {
        "code": "WBCSCi-PRE-OPE-04",
        "pillar": "WBCSCi",
        "axis": "Prevention",
        "area": "operational",
        "partners": ["XK"],
        "timeframe": "medium",
        "status": "proposed",
        "title": "Integrity testing and anti-corruption safeguards in law enforcement",
        "state_of_play": (
            "Corruption in law enforcement is a recognised enabler of organised crime, and "
            "internal control units investigate few cases."
        ),
        "gap": (
            "The police internal control unit in Kosovo* lacks powers and tools for integrity "
            "testing and for checking the asset declarations of officers in high-risk posts."
        ),
        "action": (
            "Strengthen internal control with integrity testing and verification of asset "
            "declarations by 2024."
        ),
        "sources": [],
    },
    {
        "code": "WBCSCi-RES-LEG-01",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "legislation",
        "partners": ["BA", "XK"],
        "timeframe": "short",
        "status": "validated",
        "title": (
            "Legal basis for joint investigation teams with EU Member States and neighbouring "
            "partners"
        ),
        "state_of_play": (
            "Joint investigation teams have been used in a few cases under bilateral arrangements."
        ),
        "gap": (
            "In Bosnia and Herzegovina and Kosovo* the legal basis for setting up and funding "
            "joint investigation teams and for using the evidence they gather is incomplete."
        ),
        "action": (
            "Adopt legal provisions on joint investigation teams and agree model arrangements "
            "with EU Member States by the end of 2022."
        ),
        "sources": [],
    },
    {
        "code": "WBCSCi-RES-LEG-02",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "legislation",
        "partners": ["AL", "ME", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "Witness protection programmes and regional agreements on the relocation of "
            "protected witnesses"
        ),
        "state_of_play": (
            "Witness protection units exist but have limited capacity to relocate witnesses, and "
            "few cooperating witnesses enter the programmes."
        ),
        "gap": (
            "Regional agreements on the relocation of protected witnesses are not fully "
            "implemented, and the units lack secure funding and psychological support staff."
        ),
        "action": (
            "Implement the regional relocation agreements and provide multi-annual funding and "
            "support staff for witness protection units by 2024."
        ),
        "sources": ["ec-report-2021"],
    },
    {
        "code": "WBCSCi-RES-INS-01",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "institutional",
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Parallel financial investigations in serious and organised crime cases",
        "state_of_play": (
            "Financial investigations are opened in a minority of organised crime cases, usually "
            "late in the proceedings."
        ),
        "gap": (
            "Police and prosecution services across the region lack dedicated financial "
            "investigators and direct access to bank account registers and tax data."
        ),
        "action": (
            "Make parallel financial investigations mandatory in organised crime cases and set "
            "up financial investigation units with access to registers by 2024."
        ),
        "sources": ["ec-report-2021", "wb-socta-2021"],
    },
    {
        "code": "WBCSCi-RES-INS-02",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "institutional",
        "partners": ["RS"],
        "timeframe": "medium",
        "status": "proposed",
        "title": "Case management system of the prosecution office for organised crime",
        "state_of_play": (
            "The prosecution office for organised crime in Serbia tracks its cases in separate "
            "spreadsheets and paper files."
        ),
        "gap": (
            "There is no electronic case management system linking the prosecution office with "
            "the police and the courts."
        ),
        "action": (
            "Introduce an electronic case management system with statistics on organised crime "
            "cases by 2024."
        ),
        "sources": [],
    },
    {
        "code": "WBCSCi-RES-INS-03",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "institutional",
        "partners": ["ME", "MK"],
        "timeframe": "long",
        "status": "validated",
        "title": "Digital forensics laboratories for organised crime investigations",
        "state_of_play": (
            "Forensic examination of seized phones and computers takes months and delays "
            "organised crime investigations."
        ),
        "gap": (
            "Montenegro and North Macedonia lack accredited digital forensics laboratories, "
            "tools for encrypted devices and trained examiners."
        ),
        "action": (
            "Establish and accredit digital forensics laboratories and train examiners over the "
            "next five years."
        ),
        "sources": [],
    },
    {
        "code": "WBCSCi-RES-OPE-01",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "operational",
        "partners": ["AL", "BA", "XK", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "Investigation of firearms trafficking, including exchange of ballistic information"
        ),
        "state_of_play": (
            "Seizures of trafficked firearms are rarely followed by investigations into the "
            "supply chain and the criminal networks behind it."
        ),
        "gap": (
            "Investigators lack training in firearms tracing, and ballistic data are not "
            "exchanged between neighbouring partners or with EU Member States."
        ),
        "action": (
            "Train investigators in firearms tracing and connect ballistic systems for the "
            "regional exchange of data by 2024."
        ),
        "sources": ["unodc-rp-2020"],
    },
    {
        "code": "WBCSCi-RES-OPE-02",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "operational",
        "partners": ["AL", "ME"],
        "timeframe": "short",
        "status": "validated",
        "title": "Container control and drug trafficking investigations in seaports",
        "state_of_play": (
            "Seaports on the Adriatic coast are used for cocaine shipments from South America "
            "destined for the EU."
        ),
        "gap": (
            "Albania and Montenegro lack joint port control units of police and customs with "
            "risk profiling of containers."
        ),
        "action": (
            "Set up joint port control units with risk profiling of containers within 12 months."
        ),
        "sources": ["wb-socta-2021"],
    },
    {
        "code": "WBCSCi-RES-OPE-03",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "operational",
        "partners": ["BA", "XK", "ME", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "Cross-border operations against trafficking in human beings and migrant smuggling "
            "networks"
        ),
        "state_of_play": (
            "Partners take part in EU operational action plans against trafficking and "
            "smuggling, but joint operations within the region remain rare."
        ),
        "gap": (
            "Bosnia and Herzegovina, Kosovo*, Montenegro and Serbia lack channels for real-time "
            "exchange and joint action days targeting the same networks."
        ),
        "action": (
            "Plan and run joint action days with EU Member States under the EMPACT priorities "
            "from 2022 to 2024."
        ),
        "sources": ["wb-socta-2021"],
    },
    {
        "code": "WBCSCi-RES-OPE-04",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "operational",
        "partners": ["XK", "MK"],
        "timeframe": "short",
        "status": "proposed",
        "title": "Tracing of virtual assets in cybercrime and money laundering investigations",
        "state_of_play": (
            "Criminal proceeds are increasingly held in virtual assets, and seizures have been "
            "rare."
        ),
        "gap": (
            "Investigators in Kosovo* and North Macedonia lack blockchain analysis tools and "
            "procedures for seizing and storing virtual assets."
        ),
        "action": (
            "Acquire blockchain analysis tools and adopt procedures for the seizure of virtual "
            "assets within 12 months."
        ),
        "sources": [],
    },
    {
        "code": "WBCSCi-RES-OPE-05",
        "pillar": "WBCSCi",
        "axis": "Response",
        "area": "operational",
        "partners": ["BA"],
        "timeframe": "long",
        "status": "proposed",
        "title": "Specialisation of judges in money laundering and economic crime cases",
        "state_of_play": (
            "Money laundering convictions in Bosnia and Herzegovina are rare, and most cases end "
            "with a conviction for the predicate offence only."
        ),
        "gap": (
            "Judges lack specialised training in stand-alone money laundering cases and in "
            "assessing financial evidence."
        ),
        "action": (
            "Introduce continuous judicial training on money laundering and economic crime over "
            "the next five years."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-PRE-LEG-01",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "legislation",
        "partners": ["BA", "XK", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Integrated border management strategies aligned with the EU concept",
        "state_of_play": (
            "All partners have adopted integrated border management strategies, several of which "
            "predate the current EU concept of European integrated border management."
        ),
        "gap": (
            "The strategies of Bosnia and Herzegovina, Kosovo*, North Macedonia and Serbia do "
            "not cover all components of the EU concept, such as return, fundamental rights and "
            "quality control."
        ),
        "action": (
            "Revise integrated border management strategies and action plans in line with the EU "
            "concept by 2024."
        ),
        "sources": ["ibm-strategy-mk-2021", "frontex-wb-ara-2021"],
    },
    {
        "code": "WBBSi-PRE-LEG-02",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "legislation",
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "timeframe": "long",
        "status": "validated",
        "title": (
            "Legal framework for processing advance passenger information and passenger name "
            "records"
        ),
        "state_of_play": (
            "Air carriers transmit advance passenger information to some partners only, and no "
            "partner processes passenger name records under a specific law."
        ),
        "gap": (
            "Legislation on API/PNR data, data-protection safeguards and the mandate of "
            "passenger information units is missing across the region."
        ),
        "action": (
            "Adopt API/PNR legislation consistent with EU data-protection standards over the "
            "next five years."
        ),
        "sources": ["ec-report-2021"],
    },
    {
        "code": "WBBSi-PRE-LEG-03",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "legislation",
        "partners": ["BA"],
        "timeframe": "short",
        "status": "proposed",
        "title": "Status agreement with the EU on operational deployments of Frontex",
        "state_of_play": (
            "Bosnia and Herzegovina has not concluded a status agreement with the EU allowing "
            "joint operations with Frontex on its territory."
        ),
        "gap": (
            "Without the agreement, Frontex teams cannot be deployed to support border checks "
            "and surveillance at the eastern border."
        ),
        "action": "Conclude and ratify the status agreement with the EU within 12 months.",
        "sources": [],
    },
    {
        "code": "WBBSi-PRE-INS-01",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "institutional",
        "partners": ["AL", "ME", "MK"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Set-up of passenger information units",
        "state_of_play": (
            "Passenger data are checked manually against national watch lists at airports."
        ),
        "gap": (
            "Albania, Montenegro and North Macedonia have no passenger information unit with "
            "staff, an IT system and links to international databases."
        ),
        "action": (
            "Establish passenger information units with an IT system for automated checks by 2024."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-PRE-INS-02",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "institutional",
        "partners": ["XK", "ME"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Risk analysis units applying the common integrated risk analysis model",
        "state_of_play": (
            "Risk analysis units of the border police produce monthly reports that are mostly "
            "statistical."
        ),
        "gap": (
            "The risk analysis units in Kosovo* and Montenegro lack analysts trained in the "
            "common integrated risk analysis model and tactical risk profiles for border "
            "crossing points."
        ),
        "action": (
            "Train risk analysts and introduce risk profiles at the main border crossing points "
            "by 2024."
        ),
        "sources": ["frontex-wb-ara-2021"],
    },
    {
        "code": "WBBSi-PRE-INS-03",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "institutional",
        "partners": ["AL", "RS"],
        "timeframe": "long",
        "status": "proposed",
        "title": "Surveillance systems for the green border",
        "state_of_play": (
            "Surveillance of the green border relies on foot and vehicle patrols with few mobile "
            "thermal-vision units."
        ),
        "gap": (
            "The sections of the borders of Albania and Serbia most used for irregular crossings "
            "have no fixed or mobile surveillance coverage."
        ),
        "action": (
            "Deploy fixed and mobile surveillance systems on high-risk sections over the next "
            "five years."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-PRE-OPE-01",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "operational",
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "timeframe": "short",
        "status": "validated",
        "title": "Detection of document fraud in first- and second-line border checks",
        "state_of_play": (
            "Fraudulent documents used on the routes to the EU are increasingly of high quality, "
            "including genuine documents obtained by fraud."
        ),
        "gap": (
            "Border guards across the region lack up-to-date reference material, second-line "
            "examination equipment and training on the detection of impostors."
        ),
        "action": (
            "Equip second-line units, give access to document reference databases and train "
            "first-line officers by the end of 2022."
        ),
        "sources": ["frontex-wb-ara-2021"],
    },
    {
        "code": "WBBSi-PRE-OPE-02",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "operational",
        "partners": ["BA", "XK", "MK"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Identification and referral of vulnerable persons at the borders",
        "state_of_play": (
            "Mixed migration flows include unaccompanied minors and potential victims of "
            "trafficking, who are rarely identified at first contact."
        ),
        "gap": (
            "The border police in Bosnia and Herzegovina, Kosovo* and North Macedonia lack "
            "standard procedures for identification and referral to child protection and "
            "anti-trafficking services."
        ),
        "action": (
            "Adopt standard procedures for identification and referral and train border police "
            "officers and interpreters by 2024."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-PRE-OPE-03",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "operational",
        "partners": ["XK"],
        "timeframe": "short",
        "status": "proposed",
        "title": "Automated number plate recognition and vehicle checks at border crossing points",
        "state_of_play": (
            "Vehicles crossing the borders of Kosovo* are checked manually against national "
            "lists of wanted vehicles."
        ),
        "gap": (
            "Border crossing points have no automated number plate recognition linked to lists "
            "of stolen vehicles."
        ),
        "action": (
            "Install automated number plate recognition at the main border crossing points "
            "within 12 months."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-PRE-OPE-04",
        "pillar": "WBBSi",
        "axis": "Prevention",
        "area": "operational",
        "partners": ["AL", "ME"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Maritime border surveillance in the Adriatic",
        "state_of_play": (
            "Maritime police and coast guard units patrol territorial waters with ageing vessels "
            "and limited radar coverage."
        ),
        "gap": (
            "Albania and Montenegro lack an integrated maritime surveillance picture and "
            "information exchange with the coastal authorities of neighbouring EU Member States."
        ),
        "action": (
            "Modernise coastal radars, set up a national maritime coordination centre and "
            "connect it to EU maritime surveillance by 2024."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-RES-LEG-01",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "legislation",
        "partners": ["BA", "MK"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Legislation and procedures for return and assisted voluntary return",
        "state_of_play": (
            "Return of irregular migrants to their countries of origin is rare, and readmission "
            "agreements with third countries are few."
        ),
        "gap": (
            "Bosnia and Herzegovina and North Macedonia lack complete legal procedures for "
            "return decisions and assisted voluntary return programmes."
        ),
        "action": (
            "Complete return legislation and negotiate readmission agreements with the main "
            "countries of origin by 2024."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-RES-LEG-02",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "legislation",
        "partners": ["AL", "XK", "RS"],
        "timeframe": "short",
        "status": "validated",
        "title": "Criminalisation of migrant smuggling in line with the EU Facilitators Package",
        "state_of_play": (
            "Migrant smuggling is criminalised, but penalties and aggravating circumstances "
            "differ from EU standards."
        ),
        "gap": (
            "In Albania, Kosovo* and Serbia the definitions do not fully cover facilitation of "
            "unauthorised stay, and humanitarian assistance is not clearly excluded."
        ),
        "action": (
            "Amend criminal legislation in line with the EU Facilitators Package by the end of "
            "2022."
        ),
        "sources": ["ec-report-2021"],
    },
    {
        "code": "WBBSi-RES-INS-01",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "institutional",
        "partners": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": (
            "Joint contact centres for police and customs cooperation under the PCC SEE Convention"
        ),
        "state_of_play": (
            "Several joint contact centres operate at common borders, mostly on a bilateral "
            "basis and with limited opening hours."
        ),
        "gap": (
            "The centres lack common standards, connections to national databases and staff "
            "outside working hours."
        ),
        "action": (
            "Agree common standards and connect the joint contact centres to national databases "
            "by 2024."
        ),
        "sources": ["frontex-wb-ara-2021"],
    },
    {
        "code": "WBBSi-RES-INS-02",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "institutional",
        "partners": ["BA", "ME", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Biometric registration of migrants compatible with Eurodac standards",
        "state_of_play": (
            "Migrants in reception centres are registered in national databases, often without "
            "fingerprints."
        ),
        "gap": (
            "Bosnia and Herzegovina, Montenegro, North Macedonia and Serbia lack biometric "
            "registration compatible with Eurodac standards and data exchange between partners."
        ),
        "action": (
            "Introduce biometric registration equipment and procedures for data exchange by 2024."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-RES-INS-03",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "institutional",
        "partners": ["XK"],
        "timeframe": "long",
        "status": "proposed",
        "title": "Case management system for return and readmission",
        "state_of_play": (
            "Return and readmission cases in Kosovo* are managed on paper across several "
            "institutions."
        ),
        "gap": (
            "No shared case management system tracks return decisions, readmission requests and "
            "reintegration support."
        ),
        "action": (
            "Develop a case management system for return and readmission over the next five years."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-RES-OPE-01",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "operational",
        "partners": ["AL", "XK", "ME", "MK"],
        "timeframe": "short",
        "status": "validated",
        "title": "Joint patrols and coordinated surveillance at common borders",
        "state_of_play": (
            "Border police units of neighbouring partners carry out joint patrols on some "
            "sections under bilateral protocols."
        ),
        "gap": (
            "Joint patrols between Albania, Kosovo*, Montenegro and North Macedonia are "
            "irregular and not based on a common risk analysis."
        ),
        "action": (
            "Agree joint patrol plans based on shared risk analysis and run them regularly from "
            "2022."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-RES-OPE-02",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "operational",
        "partners": ["BA", "RS"],
        "timeframe": "medium",
        "status": "proposed",
        "title": "Specialised units for the investigation of migrant smuggling",
        "state_of_play": (
            "Migrant smuggling cases are mostly handled as border incidents and end with charges "
            "against drivers and guides."
        ),
        "gap": (
            "Bosnia and Herzegovina and Serbia lack specialised investigators and financial "
            "investigations targeting the organisers of smuggling networks."
        ),
        "action": (
            "Set up specialised investigation teams that include financial investigators by 2024."
        ),
        "sources": ["frontex-wb-ara-2021"],
    },
    {
        "code": "WBBSi-RES-OPE-03",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "operational",
        "partners": ["AL", "BA", "MK", "RS"],
        "timeframe": "medium",
        "status": "validated",
        "title": "Detection of firearms, ammunition and explosives at border crossing points",
        "state_of_play": (
            "Firearms and ammunition are smuggled in vehicles and parcels through regular border "
            "crossing points."
        ),
        "gap": (
            "Border police and customs in Albania, Bosnia and Herzegovina, North Macedonia and "
            "Serbia lack detection equipment and risk indicators for firearms smuggling."
        ),
        "action": (
            "Provide detection equipment, risk indicators and joint training for border police "
            "and customs by 2024."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-RES-OPE-04",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "operational",
        "partners": ["ME", "MK", "RS"],
        "timeframe": "long",
        "status": "validated",
        "title": "Contingency planning for sudden increases in migratory flows",
        "state_of_play": (
            "Partners managed the large migratory flows of 2015 and 2016 through ad hoc measures."
        ),
        "gap": (
            "Montenegro, North Macedonia and Serbia lack tested contingency plans covering "
            "border management, reception capacity and coordination between agencies."
        ),
        "action": (
            "Adopt contingency plans and test them in exercises with neighbouring partners over "
            "the next five years."
        ),
        "sources": [],
    },
    {
        "code": "WBBSi-RES-OPE-05",
        "pillar": "WBBSi",
        "axis": "Response",
        "area": "operational",
        "partners": ["AL"],
        "timeframe": "medium",
        "status": "proposed",
        "title": "Monitoring of forced returns in line with fundamental rights",
        "state_of_play": (
            "Albania carries out forced returns of irregular migrants in a small number of cases."
        ),
        "gap": (
            "There is no independent monitoring of forced returns, and escort staff are not "
            "trained in fundamental rights standards."
        ),
        "action": (
            "Entrust forced-return monitoring to the ombudsperson institution and train escort "
            "staff by 2024."
        ),
        "sources": [],
    },
]

RESPONSES = [
    {
        "title": "EU support to preventing and countering violent extremism in the Western Balkans",
        "description": (
            "Supports the drafting of follow-up strategies for countering violent extremism and "
            "the set-up of local referral mechanisms in pilot municipalities. Includes peer "
            "exchanges between national coordinators and a regional monitoring framework."
        ),
        "member": "EC",
        "pillar": "WBCTi",
        "needs": ["WBCTi-PRE-LEG-01", "WBCTi-PRE-INS-01"],
        "beneficiaries": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "participants": [("EC", "funding"), ("EC", "accountable"), ("RCC", "implementing")],
        "status": 2,
        "planned_start": "2021-01-01",
        "planned_end": "2023-12-31",
        "actual_start": "2021-03-01",
        "actual_end": None,
        "budget": "3500000.00",
        "currency": "EUR",
        "funding_source": "EU IPA II",
    },
    {
        "title": (
            "Community policing and local safety councils for the prevention of violent extremism"
        ),
        "description": (
            "Trains community police officers and members of local safety councils to identify "
            "and refer individuals at risk of radicalisation. Develops protocols for information "
            "sharing between police, schools and social services."
        ),
        "member": "OSCE",
        "pillar": "WBCTi",
        "needs": ["WBCTi-PRE-INS-01"],
        "beneficiaries": ["AL", "MK", "RS"],
        "participants": [("OSCE", "implementing"), ("AT", "funding")],
        "status": 2,
        "planned_start": "2021-06-01",
        "planned_end": "2023-06-30",
        "actual_start": "2021-07-01",
        "actual_end": None,
        "budget": "850000.00",
        "currency": "EUR",
        "funding_source": "OSCE unified budget and extra-budgetary contributions",
        "sensitivity": "restricted",
    },
    {
        "title": (
            "Management of violent extremist prisoners and prevention of radicalisation in prisons"
        ),
        "description": (
            "Helps prison administrations set up intelligence and assessment units and "
            "classification procedures for violent extremist prisoners. Pilots disengagement "
            "programmes in selected facilities."
        ),
        "member": "UNODC",
        "pillar": "WBCTi",
        "needs": ["WBCTi-PRE-INS-02"],
        "beneficiaries": ["MK", "RS"],
        "participants": [("UNODC", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2020-09-01",
        "planned_end": "2023-08-31",
        "actual_start": "2020-11-01",
        "actual_end": None,
        "budget": "1200000.00",
        "currency": "EUR",
        "funding_source": "EU IPA II",
    },
    {
        "title": "Risk assessment tools for violent extremist offenders in the prison system",
        "description": (
            "Planned follow-up that would introduce a validated risk assessment tool for violent "
            "extremist offenders. Foresees certification of prison psychologists and probation "
            "officers as assessors."
        ),
        "member": "AT",
        "pillar": "WBCTi",
        "needs": ["WBCTi-PRE-INS-02"],
        "beneficiaries": ["RS"],
        "participants": [("AT", "funding"), ("AT", "implementing")],
        "status": 1,
        "planned_start": "2024-01-01",
        "planned_end": "2025-06-30",
        "actual_start": None,
        "actual_end": None,
        "budget": "300000.00",
        "currency": "EUR",
        "funding_source": "Austrian Development Agency",
    },
    {
        "title": "Reintegration of returnees from foreign terrorist fighting and their families",
        "description": (
            "Provides case management, psychosocial support and vocational training to returnees "
            "and their families. Strengthens the coordination of health, education and social "
            "welfare services in receiving municipalities."
        ),
        "member": "IOM",
        "pillar": "WBCTi",
        "needs": ["WBCTi-PRE-OPE-01"],
        "beneficiaries": ["AL", "BA", "XK"],
        "participants": [("IOM", "implementing"), ("EC", "funding")],
        "status": 3,
        "planned_start": "2020-04-01",
        "planned_end": "2022-12-31",
        "actual_start": "2020-06-01",
        "actual_end": None,
        "budget": "2100000.00",
        "currency": "EUR",
        "funding_source": "EU IPA II",
    },
    {
        "title": "Community-based rehabilitation of returnee women and children",
        "description": (
            "Supports schools and social services in enrolling and monitoring returnee children "
            "and in providing livelihood support to returnee women. Works with municipal "
            "authorities to reduce stigma in receiving communities."
        ),
        "member": "UNDP",
        "pillar": "WBCTi",
        "needs": ["WBCTi-PRE-OPE-01"],
        "beneficiaries": ["XK", "MK"],
        "participants": [("UNDP", "implementing"), ("UNDP", "accountable")],
        "status": 2,
        "planned_start": "2021-01-01",
        "planned_end": "2024-12-31",
        "actual_start": "2021-02-15",
        "actual_end": None,
        "budget": "1450000.00",
        "currency": "USD",
        "funding_source": "UNDP funding windows",
    },
    {
        "title": "Regional network for detecting online terrorist content",
        "description": (
            "Connects analysts who monitor terrorist and violent extremist content online and "
            "provides shared open-source intelligence tools. Supports consolidated situation "
            "reports for national counter-terrorism coordinators."
        ),
        "member": "RCC",
        "pillar": "WBCTi",
        "needs": ["WBCTi-ANT-OPE-01", "WBCTi-ANT-INS-01"],
        "beneficiaries": ["AL", "BA", "RS"],
        "participants": [("RCC", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2022-01-01",
        "planned_end": "2024-12-31",
        "actual_start": "2022-03-01",
        "actual_end": None,
        "budget": "900000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
    },
    {
        "title": "Internet referral capacity and cooperation with online service providers",
        "description": (
            "Trains internet referral officers and involves them in referral action days "
            "coordinated by the EU Internet Referral Unit. Sets up contacts with online service "
            "providers for preservation and disclosure requests."
        ),
        "member": "Europol",
        "pillar": "WBCTi",
        "needs": ["WBCTi-ANT-OPE-01"],
        "beneficiaries": ["XK", "ME", "MK"],
        "participants": [("Europol", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2022-05-01",
        "planned_end": "2024-04-30",
        "actual_start": "2022-06-01",
        "actual_end": None,
        "budget": "450000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
        "sensitivity": "restricted",
    },
    {
        "title": (
            "Legal frameworks for oversight and threat information sharing of security services"
        ),
        "description": (
            "Supports ministries and parliaments in drafting provisions on joint threat "
            "assessment and the sharing of classified information between security agencies. "
            "Includes guidance on oversight and data protection."
        ),
        "member": "DCAF",
        "pillar": "WBCTi",
        "needs": ["WBCTi-ANT-LEG-01"],
        "beneficiaries": ["AL", "BA", "ME", "MK"],
        "participants": [("DCAF", "implementing"), ("SI", "funding")],
        "status": 2,
        "planned_start": "2021-09-01",
        "planned_end": "2023-12-31",
        "actual_start": "2021-10-01",
        "actual_end": None,
        "budget": "600000.00",
        "currency": "EUR",
        "funding_source": "Slovenian development cooperation",
    },
    {
        "title": "Alignment of terrorism offences and evidence rules with the EU acquis",
        "description": (
            "Planned technical assistance for amending criminal codes in line with Directive "
            "(EU) 2017/541. Would also cover rules on the admissibility of electronic and "
            "battlefield evidence."
        ),
        "member": "EC",
        "pillar": "WBCTi",
        "needs": ["WBCTi-RES-LEG-01", "WBCTi-RES-OPE-02"],
        "beneficiaries": ["AL", "BA", "XK", "MK", "RS"],
        "participants": [("EC", "funding"), ("EC", "extending")],
        "status": 1,
        "planned_start": "2025-01-01",
        "planned_end": "2025-12-31",
        "actual_start": None,
        "actual_end": None,
        "budget": "1000000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
    },
    {
        "title": "Criminal justice responses to terrorism: prosecution and adjudication",
        "description": (
            "Trains specialised prosecutors and judges on terrorism cases, including the use of "
            "battlefield and electronic evidence. Supports requests for evidence to service "
            "providers abroad."
        ),
        "member": "UNODC",
        "pillar": "WBCTi",
        "needs": ["WBCTi-RES-OPE-02"],
        "beneficiaries": ["AL", "BA", "XK", "RS"],
        "participants": [("UNODC", "implementing"), ("UNODC", "accountable")],
        "status": 2,
        "planned_start": "2020-10-01",
        "planned_end": "2023-09-30",
        "actual_start": "2021-01-15",
        "actual_end": None,
        "budget": "780000.00",
        "currency": "USD",
        "funding_source": "UNODC Global Programme against Terrorism",
        "sensitivity": "restricted",
    },
    {
        "title": "Regional crisis response exercises for special intervention units",
        "description": (
            "Organises joint training and a regional full-scale exercise for special "
            "intervention units, with scenarios on hostage taking and simultaneous attacks. "
            "Tests national crisis management arrangements alongside the field exercise."
        ),
        "member": "AT",
        "pillar": "WBCTi",
        "needs": ["WBCTi-RES-OPE-01", "WBCTi-RES-INS-01"],
        "beneficiaries": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "participants": [("AT", "funding"), ("AT", "implementing"), ("SI", "implementing")],
        "status": 2,
        "planned_start": "2021-05-01",
        "planned_end": "2023-10-31",
        "actual_start": "2021-05-01",
        "actual_end": None,
        "budget": "1100000.00",
        "currency": "EUR",
        "funding_source": "Austria, Federal Ministry of the Interior",
    },
    {
        "title": "Standard operating procedures for counter-terrorism crisis management",
        "description": (
            "Helps national crisis management bodies draft joint standard operating procedures "
            "for terrorist incidents. Runs national table-top exercises to test them."
        ),
        "member": "OSCE",
        "pillar": "WBCTi",
        "needs": ["WBCTi-RES-INS-01"],
        "beneficiaries": ["AL", "ME"],
        "participants": [("OSCE", "implementing")],
        "status": 2,
        "planned_start": "2022-02-01",
        "planned_end": "2024-01-31",
        "actual_start": "2022-03-01",
        "actual_end": None,
        "budget": "350000.00",
        "currency": "EUR",
        "funding_source": "OSCE extra-budgetary contributions",
    },
    {
        "title": (
            "Resilience of critical infrastructure operators against terrorist and hybrid threats"
        ),
        "description": (
            "Introduces a common vulnerability assessment methodology for operators of critical "
            "infrastructure. Trains competent authorities to review security plans and tests "
            "them in exercises."
        ),
        "member": "EC",
        "pillar": "WBCTi",
        "needs": ["WBCTi-PRO-OPE-01"],
        "beneficiaries": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "participants": [("EC", "funding"), ("DCAF", "implementing")],
        "status": 2,
        "planned_start": "2023-01-01",
        "planned_end": "2025-12-31",
        "actual_start": "2023-04-01",
        "actual_end": None,
        "budget": "2400000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
    },
    {
        "title": "EU support to asset recovery and confiscation",
        "description": (
            "Supports the drafting of legislation on extended and non-conviction-based "
            "confiscation. Helps asset recovery offices and asset management offices with "
            "procedures and IT tools."
        ),
        "member": "EC",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-PRE-LEG-01", "WBCSCi-PRE-INS-01"],
        "beneficiaries": ["AL", "XK", "ME", "MK", "RS"],
        "participants": [("EC", "funding"), ("UNODC", "implementing")],
        "status": 2,
        "planned_start": "2021-01-01",
        "planned_end": "2024-06-30",
        "actual_start": "2021-02-15",
        "actual_end": None,
        "budget": "4200000.00",
        "currency": "EUR",
        "funding_source": "EU IPA II",
    },
    {
        "title": "Twinning light on the management of seized assets",
        "description": (
            "Shares Slovenian practice on the interim sale and social reuse of seized assets "
            "with the asset management office. Delivers procedures and training for its staff."
        ),
        "member": "SI",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-PRE-INS-01"],
        "beneficiaries": ["ME"],
        "participants": [("SI", "implementing"), ("EC", "funding")],
        "status": 3,
        "planned_start": "2022-09-01",
        "planned_end": "2023-08-31",
        "actual_start": "2022-10-01",
        "actual_end": "2023-09-30",
        "budget": "250000.00",
        "currency": "EUR",
        "funding_source": "EU IPA II",
    },
    {
        "title": "Regional firearms action: central weapons registries and tracing",
        "description": (
            "Connects central weapons registries with police case management and trains firearms "
            "focal points. Supports firearms tracing and ballistic information exchange in "
            "trafficking investigations."
        ),
        "member": "UNODC",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-PRE-INS-02", "WBCSCi-RES-OPE-01"],
        "beneficiaries": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "participants": [("UNODC", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2020-01-15",
        "planned_end": "2023-12-31",
        "actual_start": "2020-03-01",
        "actual_end": None,
        "budget": "2750000.00",
        "currency": "USD",
        "funding_source": "EU Council Decision on small arms and light weapons",
    },
    {
        "title": "Support to firearms focal points under the regional roadmap",
        "description": (
            "Provides equipment and analytical training to firearms focal points. Supports their "
            "access to registry, seizure and ballistic data."
        ),
        "member": "UNDP",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-PRE-INS-02"],
        "beneficiaries": ["BA", "XK", "MK"],
        "participants": [("UNDP", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2021-01-01",
        "planned_end": "2024-12-31",
        "actual_start": "2021-01-01",
        "actual_end": None,
        "budget": "1800000.00",
        "currency": "EUR",
        "funding_source": "Western Balkans SALW Control Trust Fund",
    },
    {
        "title": "Operational support to firearms trafficking investigations",
        "description": (
            "Would have provided analytical support to firearms trafficking cases under the "
            "EMPACT firearms priority. Cancelled after the activities were absorbed into "
            "existing operational action plans."
        ),
        "member": "Europol",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-RES-OPE-01"],
        "beneficiaries": ["AL", "RS"],
        "participants": [("Europol", "implementing")],
        "status": 5,
        "planned_start": "2024-03-01",
        "planned_end": "2025-12-31",
        "actual_start": None,
        "actual_end": None,
        "budget": None,
        "currency": "",
        "funding_source": "",
    },
    {
        "title": "Cybercrime units and 24/7 contact points",
        "description": (
            "Trains cybercrime investigators and 24/7 contact point staff. Provides blockchain "
            "analysis licences and guidance on seizing virtual assets."
        ),
        "member": "AT",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-PRE-INS-03", "WBCSCi-RES-OPE-04"],
        "beneficiaries": ["BA", "XK", "MK", "RS"],
        "participants": [("AT", "funding"), ("AT", "implementing")],
        "status": 3,
        "planned_start": "2021-04-01",
        "planned_end": "2023-03-31",
        "actual_start": "2021-04-01",
        "actual_end": "2023-06-30",
        "budget": "640000.00",
        "currency": "EUR",
        "funding_source": "Austrian Development Agency",
    },
    {
        "title": "Joint investigation teams and cross-border police cooperation",
        "description": (
            "Supports legal provisions and model agreements for joint investigation teams under "
            "the Police Cooperation Convention for Southeast Europe. Funds planning meetings for "
            "joint action days against trafficking and smuggling networks."
        ),
        "member": "PCC SEE",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-RES-LEG-01", "WBCSCi-RES-OPE-03"],
        "beneficiaries": ["BA", "XK", "ME", "RS"],
        "participants": [("PCC SEE", "implementing"), ("AT", "funding")],
        "status": 2,
        "planned_start": "2022-01-01",
        "planned_end": "2024-12-31",
        "actual_start": "2022-02-01",
        "actual_end": None,
        "budget": "700000.00",
        "currency": "EUR",
        "funding_source": "Austria, Federal Ministry of the Interior",
    },
    {
        "title": (
            "EMPACT operational support against trafficking in human beings and migrant smuggling"
        ),
        "description": (
            "Involves investigators in EMPACT operational actions against trafficking and "
            "smuggling networks. Provides analytical support and secure information exchange "
            "during joint action days."
        ),
        "member": "Europol",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-RES-OPE-03"],
        "beneficiaries": ["BA", "RS"],
        "participants": [("Europol", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2022-06-01",
        "planned_end": "2025-06-30",
        "actual_start": "2022-06-01",
        "actual_end": None,
        "budget": "520000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
    },
    {
        "title": "Regional cooperation on witness protection",
        "description": (
            "Supports the implementation of regional agreements on the relocation of protected "
            "witnesses. Trains witness protection officers and psychologists."
        ),
        "member": "DCAF",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-RES-LEG-02"],
        "beneficiaries": ["AL", "ME", "MK", "RS"],
        "participants": [("DCAF", "implementing"), ("SI", "funding")],
        "status": 3,
        "planned_start": "2021-03-01",
        "planned_end": "2023-02-28",
        "actual_start": "2021-03-01",
        "actual_end": "2023-02-28",
        "budget": "410000.00",
        "currency": "EUR",
        "funding_source": "Slovenian development cooperation",
    },
    {
        "title": "Parallel financial investigations and money laundering cases",
        "description": (
            "Trains police and prosecutors in parallel financial investigations and in handling "
            "stand-alone money laundering cases. Supports the set-up of financial investigation "
            "units."
        ),
        "member": "OSCE",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-RES-INS-01"],
        "beneficiaries": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "participants": [("OSCE", "implementing"), ("OSCE", "accountable")],
        "status": 3,
        "planned_start": "2020-07-01",
        "planned_end": "2022-12-31",
        "actual_start": "2020-09-01",
        "actual_end": "2023-03-31",
        "budget": "950000.00",
        "currency": "EUR",
        "funding_source": "OSCE extra-budgetary contributions",
    },
    {
        "title": "Intelligence-led policing and SOCTA-based threat assessments",
        "description": (
            "Trains strategic analysts in the SOCTA methodology and supports the first national "
            "assessments with operational priorities. Follows up earlier work on financial "
            "investigation units."
        ),
        "member": "EC",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-PRE-OPE-01", "WBCSCi-RES-INS-01"],
        "beneficiaries": ["AL", "XK", "MK", "RS"],
        "participants": [("EC", "funding"), ("Europol", "implementing")],
        "status": 2,
        "planned_start": "2023-06-01",
        "planned_end": "2025-12-31",
        "actual_start": "2023-09-01",
        "actual_end": None,
        "budget": "1600000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
    },
    {
        "title": "Digital forensics laboratories for organised crime investigations",
        "description": (
            "Pipeline action to equip and accredit digital forensics laboratories. Funding is "
            "still being sought."
        ),
        "member": "UNODC",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-RES-INS-03"],
        "beneficiaries": ["ME", "MK"],
        "participants": [("UNODC", "implementing")],
        "status": 1,
        "planned_start": "2025-01-01",
        "planned_end": "2025-12-31",
        "actual_start": None,
        "actual_end": None,
        "budget": None,
        "currency": "",
        "funding_source": "",
    },
    {
        "title": "Harmonisation of firearms legislation on deactivation and marking",
        "description": (
            "Supports legal drafting to align firearms legislation with the EU Firearms "
            "Directive on deactivation and marking. Helps plan a legalisation campaign for "
            "unregistered weapons."
        ),
        "member": "RCC",
        "pillar": "WBCSCi",
        "needs": ["WBCSCi-PRE-LEG-02"],
        "beneficiaries": ["BA", "XK"],
        "participants": [("RCC", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2022-04-01",
        "planned_end": "2023-12-31",
        "actual_start": "2022-05-01",
        "actual_end": None,
        "budget": "280000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
    },
    {
        "title": "Technical assistance on integrated border management strategies",
        "description": (
            "Supports the revision of integrated border management strategies and action plans "
            "in line with the EU concept. Advises on the return, fundamental rights and quality "
            "control components."
        ),
        "member": "Frontex",
        "pillar": "WBBSi",
        "needs": ["WBBSi-PRE-LEG-01"],
        "beneficiaries": ["BA", "XK", "MK", "RS"],
        "participants": [("Frontex", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2021-01-01",
        "planned_end": "2023-12-31",
        "actual_start": "2021-02-01",
        "actual_end": None,
        "budget": "900000.00",
        "currency": "EUR",
        "funding_source": "EU IPA II",
    },
    {
        "title": "Passenger information units and API/PNR legislation",
        "description": (
            "Supports the drafting of API/PNR legislation with data-protection safeguards. Helps "
            "set up passenger information units with staff training and an IT system for "
            "automated checks."
        ),
        "member": "EC",
        "pillar": "WBBSi",
        "needs": ["WBBSi-PRE-LEG-02", "WBBSi-PRE-INS-01"],
        "beneficiaries": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "participants": [("EC", "funding"), ("IOM", "implementing")],
        "status": 2,
        "planned_start": "2022-01-01",
        "planned_end": "2025-06-30",
        "actual_start": "2022-04-01",
        "actual_end": None,
        "budget": "3800000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
    },
    {
        "title": "Passenger data analysis at airports",
        "description": (
            "Trains airport police in targeting and the analysis of passenger data. Provides "
            "software for automated checks against watch lists."
        ),
        "member": "IOM",
        "pillar": "WBBSi",
        "needs": ["WBBSi-PRE-INS-01"],
        "beneficiaries": ["AL", "MK"],
        "participants": [("IOM", "implementing"), ("AT", "funding")],
        "status": 2,
        "planned_start": "2022-10-01",
        "planned_end": "2024-09-30",
        "actual_start": "2022-11-01",
        "actual_end": None,
        "budget": "560000.00",
        "currency": "EUR",
        "funding_source": "Austrian Development Agency",
    },
    {
        "title": "Western Balkans risk analysis network",
        "description": (
            "Trains risk analysts in the common integrated risk analysis model and exchanges "
            "monthly risk data. Supports tactical risk profiles for border crossing points."
        ),
        "member": "Frontex",
        "pillar": "WBBSi",
        "needs": ["WBBSi-PRE-INS-02"],
        "beneficiaries": ["XK", "ME"],
        "participants": [("Frontex", "implementing")],
        "status": 2,
        "planned_start": "2020-01-01",
        "planned_end": "2025-12-31",
        "actual_start": "2020-01-01",
        "actual_end": None,
        "budget": None,
        "currency": "",
        "funding_source": "",
    },
    {
        "title": "Document fraud detection at first and second line",
        "description": (
            "Equips second-line document examination units and gives access to reference "
            "databases. Trains first-line border guards on the detection of impostors."
        ),
        "member": "AT",
        "pillar": "WBBSi",
        "needs": ["WBBSi-PRE-OPE-01"],
        "beneficiaries": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "participants": [("AT", "funding"), ("AT", "implementing")],
        "status": 2,
        "planned_start": "2021-09-01",
        "planned_end": "2023-08-31",
        "actual_start": "2021-09-01",
        "actual_end": None,
        "budget": "480000.00",
        "currency": "EUR",
        "funding_source": "Austria, Federal Ministry of the Interior",
    },
    {
        "title": "Protection-sensitive border management",
        "description": (
            "Develops standard procedures for identifying and referring unaccompanied minors and "
            "potential victims of trafficking at the borders. Trains border police officers and "
            "interpreters."
        ),
        "member": "IOM",
        "pillar": "WBBSi",
        "needs": ["WBBSi-PRE-OPE-02"],
        "beneficiaries": ["BA", "XK", "MK"],
        "participants": [("IOM", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2021-03-01",
        "planned_end": "2024-02-29",
        "actual_start": "2021-04-01",
        "actual_end": None,
        "budget": "1300000.00",
        "currency": "EUR",
        "funding_source": "EU IPA II",
    },
    {
        "title": "Maritime border surveillance in the Adriatic",
        "description": (
            "Planned support to modernise coastal radars and set up maritime coordination "
            "centres. Would connect them to EU maritime surveillance."
        ),
        "member": "EC",
        "pillar": "WBBSi",
        "needs": ["WBBSi-PRE-OPE-04"],
        "beneficiaries": ["AL", "ME"],
        "participants": [("EC", "funding")],
        "status": 1,
        "planned_start": "2025-03-01",
        "planned_end": "2025-12-31",
        "actual_start": None,
        "actual_end": None,
        "budget": "2000000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
    },
    {
        "title": "Assisted voluntary return and reintegration",
        "description": (
            "Advises on legal procedures for return decisions and runs assisted voluntary return "
            "programmes. Supports dialogue on readmission with countries of origin."
        ),
        "member": "IOM",
        "pillar": "WBBSi",
        "needs": ["WBBSi-RES-LEG-01"],
        "beneficiaries": ["BA", "MK"],
        "participants": [("IOM", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2021-07-01",
        "planned_end": "2024-06-30",
        "actual_start": "2021-07-01",
        "actual_end": None,
        "budget": "1650000.00",
        "currency": "EUR",
        "funding_source": "EU IPA II",
    },
    {
        "title": "Countering migrant smuggling: legislation and investigations",
        "description": (
            "Supports amendments to criminal legislation in line with the EU Facilitators "
            "Package. Trains prosecutors on smuggling cases."
        ),
        "member": "UNODC",
        "pillar": "WBBSi",
        "needs": ["WBBSi-RES-LEG-02"],
        "beneficiaries": ["AL", "XK", "RS"],
        "participants": [("UNODC", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2021-10-01",
        "planned_end": "2023-09-30",
        "actual_start": "2021-11-01",
        "actual_end": None,
        "budget": "690000.00",
        "currency": "EUR",
        "funding_source": "EU IPA II",
    },
    {
        "title": "Joint contact centres for police and customs cooperation",
        "description": (
            "Develops common standards for joint contact centres under the Police Cooperation "
            "Convention for Southeast Europe. Supports their connection to national databases."
        ),
        "member": "PCC SEE",
        "pillar": "WBBSi",
        "needs": ["WBBSi-RES-INS-01"],
        "beneficiaries": ["AL", "BA", "XK", "ME", "MK", "RS"],
        "participants": [("PCC SEE", "implementing"), ("SI", "funding")],
        "status": 2,
        "planned_start": "2021-01-01",
        "planned_end": "2024-12-31",
        "actual_start": "2021-01-01",
        "actual_end": None,
        "budget": "520000.00",
        "currency": "EUR",
        "funding_source": "Slovenia, Ministry of the Interior",
    },
    {
        "title": "Joint patrols at common borders",
        "description": (
            "Supports joint patrol plans based on shared risk analysis and funds joint patrols "
            "on selected border sections. Includes exchanges with Slovenian border police."
        ),
        "member": "SI",
        "pillar": "WBBSi",
        "needs": ["WBBSi-RES-OPE-01"],
        "beneficiaries": ["AL", "ME", "MK"],
        "participants": [("SI", "funding"), ("SI", "implementing")],
        "status": 2,
        "planned_start": "2022-04-01",
        "planned_end": "2024-03-31",
        "actual_start": "2022-05-01",
        "actual_end": None,
        "budget": "330000.00",
        "currency": "EUR",
        "funding_source": "Slovenia, Ministry of the Interior",
    },
    {
        "title": "Biometric registration of migrants",
        "description": (
            "Provides biometric registration equipment to reception centres and border police. "
            "Develops procedures for data exchange compatible with Eurodac standards."
        ),
        "member": "Frontex",
        "pillar": "WBBSi",
        "needs": ["WBBSi-RES-INS-02"],
        "beneficiaries": ["BA", "ME", "MK", "RS"],
        "participants": [("Frontex", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2022-01-01",
        "planned_end": "2024-12-31",
        "actual_start": "2022-03-01",
        "actual_end": None,
        "budget": "2600000.00",
        "currency": "EUR",
        "funding_source": "EU IPA III",
    },
    {
        "title": "Detection of firearms and explosives at border crossing points",
        "description": (
            "Provides detection equipment and risk indicators for firearms smuggling to border "
            "police and customs. Runs joint training for both services."
        ),
        "member": "UNDP",
        "pillar": "WBBSi",
        "needs": ["WBBSi-RES-OPE-03"],
        "beneficiaries": ["AL", "BA", "MK", "RS"],
        "participants": [("UNDP", "implementing"), ("EC", "funding")],
        "status": 2,
        "planned_start": "2022-01-01",
        "planned_end": "2024-06-30",
        "actual_start": "2022-02-01",
        "actual_end": None,
        "budget": "1250000.00",
        "currency": "EUR",
        "funding_source": "Western Balkans SALW Control Trust Fund",
    },
]

# Intended overlaps (different reporting members, same need, a shared beneficiary partner and
# overlapping periods; actual dates where given, else planned):
# 1. "EU support to preventing and countering violent extremism in the Western Balkans" (EC) and
#    "Community policing and local safety councils for the prevention of violent extremism"
#    (OSCE): WBCTi-PRE-INS-01, AL/MK/RS.
# 2. "Reintegration of returnees from foreign terrorist fighting and their families" (IOM) and
#    "Community-based rehabilitation of returnee women and children" (UNDP): WBCTi-PRE-OPE-01, XK.
# 3. "Regional crisis response exercises for special intervention units" (AT) and
#    "Standard operating procedures for counter-terrorism crisis management" (OSCE):
#    WBCTi-RES-INS-01, AL/ME.
# 4. "EU support to asset recovery and confiscation" (EC) and
#    "Twinning light on the management of seized assets" (SI): WBCSCi-PRE-INS-01, ME.
# 5. "Regional firearms action: central weapons registries and tracing" (UNODC) and
#    "Support to firearms focal points under the regional roadmap" (UNDP): WBCSCi-PRE-INS-02,
#    BA/XK/MK.
# 6. "Joint investigation teams and cross-border police cooperation" (PCC SEE) and
#    "EMPACT operational support against trafficking in human beings and migrant smuggling"
#    (Europol): WBCSCi-RES-OPE-03, BA/RS.
# 7. "Passenger information units and API/PNR legislation" (EC) and
#    "Passenger data analysis at airports" (IOM): WBBSi-PRE-INS-01, AL/MK.
#
# Near-misses (must not count as overlaps):
# - Same need and partner, periods do not overlap:
#   "Management of violent extremist prisoners and prevention of radicalisation in prisons"
#   (UNODC, to 2023-08-31) and "Risk assessment tools for violent extremist offenders in the
#   prison system" (AT, from 2024-01-01): WBCTi-PRE-INS-02, RS.
#   "Criminal justice responses to terrorism: prosecution and adjudication" (UNODC, to
#   2023-09-30) and "Alignment of terrorism offences and evidence rules with the EU acquis" (EC,
#   from 2025-01-01): WBCTi-RES-OPE-02, AL/BA/XK/RS.
#   "Parallel financial investigations and money laundering cases" (OSCE, actual end 2023-03-31)
#   and "Intelligence-led policing and SOCTA-based threat assessments" (EC, actual start
#   2023-09-01): WBCSCi-RES-INS-01, AL/XK/MK/RS.
#   "Regional firearms action: central weapons registries and tracing" (UNODC, to 2023-12-31) and
#   the cancelled "Operational support to firearms trafficking investigations" (Europol, from
#   2024-03-01): WBCSCi-RES-OPE-01, AL/RS.
# - Same need, no beneficiary partner in common:
#   "Regional network for detecting online terrorist content" (RCC: AL/BA/RS) and
#   "Internet referral capacity and cooperation with online service providers" (Europol:
#   XK/ME/MK): WBCTi-ANT-OPE-01.
