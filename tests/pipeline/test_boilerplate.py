"""Line-level boilerplate rules: each line goes alone and inside a story, real sentences stay."""

from __future__ import annotations

import pytest
from support.article import BODY, SEED_SHARE_ROW, with_line

from workers.pipeline.boilerplate import core_text, is_boilerplate
from workers.pipeline.clean import clean_paragraphs

BOILERPLATE = [
    *SEED_SHARE_ROW,
    # a blog's links to the posts around it, its date and user name
    "« Energie sparen - Energiewende als Gemeinschafts-Projekt | Startseite | Weltrekord für "
    "den Waldschutz: WWF und ProSieben rufen zur Hug a Tree Aktion auf »",
    "« Previous post | Home | Next post »",
    "11.05.2012, 10:22 von jovelstefan",
    "Posted on March 3, 2019 by admin",
    # how to cite the page (phys.org's, longer than a line of chrome for its address)
    "Citation: Hibernating astronauts would need smaller spacecraft (2019, November 18) "
    "retrieved 20 November 2019 from https://phys.org/news/2019-11-hibernating-astronauts.html",
    "Share via Email",
    "Click to share on Twitter (Opens in new window)",
    "Facebook Twitter WhatsApp Email",
    "Share this article",
    "Advertisement",
    "ADVERTISEMENT",
    "Story continues below advertisement",
    "Read more: How the city's 2023 floods changed its budget",
    "READ MORE: Hong Kong protests: 800 students under siege",
    "Related: The 15 Weirdest Galaxies in Our Universe",
    "Subscribe to our newsletter",
    "Get the day's top headlines delivered to your inbox every morning by subscribing to our "
    "newsletter.",
    "Sign up for our free Morning Briefing newsletter",
    "Follow us on Twitter and Facebook",
    "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
    "Have a tip? Jane Doe may be reached at jdoe@example.com. Follow her on Twitter @JaneDoe.",
    # a follow button's label after the blog's promise, last in the line
    "Bleib auf dem Laufenden zu aktuellen Entwicklungen im Influencer-Marketing und Social "
    "Media. Follow @mr_mo56",
    "Photo: Reuters",
    "Image credit: NASA/JPL-Caltech",
    "(Photo by John Smith/Getty Images)",
    "John Smith/Getty Images",
    "Natalie Naccache | Bloomberg | Getty Images",
    "Mark Wilson | Getty Images News | Getty Images",
    "SOURCE: Al Jazeera News",
    "© 2025 The Lagos Ledger. All rights reserved.",
    "By Jane Doe and John Roe, Associated Press",
    "Medically reviewed by Hansa D. Bhargava, MD",
    "Fact-checked by Jane Roe",
    "Written by Jane Doe and John Roe",
    "By Jane Roe on Monday, November 18th, 2019 at 11:04 a.m.",
    "by Jane Roe —",
    "スポンサードリンク",
    "Sponsored Links",
    "Via SyndiGate.info",
    "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
    "Kommentarfeed | Kommentare geschlossen | Trackback-URL",
    "Hinterlassen Sie einen Kommentar",
    "Pingback von Ein anderes Blog - Lesezeichen | 11.09.2011 23:31",
    "Gefällt mir Lade...",
    "Like Loading...",
    "Ähnliche Beiträge",
    "Diese Website verwendet Akismet, um Spam zu reduzieren. Erfahre mehr darüber, wie deine "
    "Kommentardaten verarbeitet werden.",
    "This website uses cookies to improve your experience. We'll assume you're ok with this, "
    "but you can opt-out if you wish. Accept Read More",
    "To give you the best experience, we use cookies. By continuing to browse you agree to "
    "our cookie policy. Read more",
    "Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis bieten zu können. Wenn Sie "
    "fortfahren, nehmen wir an, dass Sie damit einverstanden sind.",
    "Ce site utilise des cookies. En poursuivant la navigation, vous acceptez leur utilisation.",
    "Cookies helfen uns bei der Bereitstellung unserer Inhalte und Dienste. Durch die weitere "
    "Nutzung der Webseite stimmen Sie der Verwendung von Cookies zu.",
    "Auf unserer Website werden Cookies gemäß unserer Datenschutzerklärung verwendet.",
    "Diese Veranstaltung ist bereits vorbei.",
    "This event has passed.",
    "Updated at 1:23 p.m.",
    "Last updated: 19 November 2019, 10:45 GMT",
    "Mis à jour le 12 mai 2025 à 10h32",
    "Aktualisiert am 12.05.2025, 10:32 Uhr",
    "기사입력 2013-10-24 03:00:00 기사수정 2013-10-24 03:00:00",
    "입력 2019.11.19 10:45",
    "公開日：2019年11月19日(火) 10時45分",
    "更新日 2019/11/19 10:45",
    "发布时间：2019-11-19 10:45",
    "5:45 AM PST 11/19/2019 by Patrick Shanley",
    "4 min read",
    "Tags: Ukraine, Russia, Peace talks",
    "Filed under: Politics |",
    "12 Comments",
    "Additional reporting by Joseph Hudak",
    "Contributing: Liz Szabo, Michael Winter, Associated Press.",
    "Contributing to this report: Jane Roe in London",
    "(Reporting by Jane Doe; Editing by John Roe)",
    "If you enjoyed this article, we have a proposition for you: join our membership programme "
    "and support independent journalism.",
    "Follow AP's full coverage of the election at https://apnews.com/elections",
    # German, French, Spanish, Portuguese, Italian, Russian, Indonesian, Chinese, Japanese
    "Artikel teilen",
    "Auf Facebook teilen",
    "Lesen Sie auch: Die Bahn erhöht die Preise",
    "Folgen Sie uns auf Twitter",
    "Anzeige",
    "Foto: dpa",
    "Partager sur Facebook",
    "À lire aussi : La réforme des retraites adoptée",
    "Abonnez-vous à notre newsletter",
    "Publicité",
    "Compartir en WhatsApp",
    "Lee también: El Gobierno aprueba el presupuesto",
    "Síguenos en Instagram",
    "Compartilhar no WhatsApp",
    "Leia também: Governo anuncia novo programa",
    "Tempo de leitura: 1 minuto",
    "Condividi su Facebook",
    "Поделиться в Telegram",
    "Читайте также: Правительство утвердило бюджет",
    "Реклама",
    "Фото: ТАСС",
    "Bagikan ke WhatsApp",
    "Baca juga: Pemerintah umumkan kebijakan baru",
    # related headings and newsletter prompts added in session 10
    "Articles connexes",
    "Top-Nachrichten",
    "Lo más visto",
    "Altre notizie",
    "Simak juga",
    "Berlangganan newsletter kami",
    "Posted in Uncategorized",
    "Tagged:diet pills, inquests, online shopping, uk, viral",
    "Posted in News, Politics and Local",
    # a tag row whose label is a span without a colon before the linked terms
    "Topics Politics City Council Budget",
    "Tags Ukraine Russia Peace Talks",
    "Keywords Climate · Energy · COP25",
    "Posted in Politics City Council Budget",
    "More on: Brexit, Boris Johnson",
    # a story's toolbar, a player's label with its time, a rating widget
    "Print Email Font size A- A+ Save",
    "Print | Email | Text size A- A+",
    "Listen to this article0:00 / 5:32",
    "Listen to this article 1.5x",
    "Rate this article: ★★★★☆ 4.2 (35 votes)",
    "Rate this recipe",
    # an embedded post's fallback text, a player's words, footer and page links
    "View this post on Instagram",
    "A post shared by Jane Doe (@janedoe) on Mar 3, 2019 at 4:12pm PST",
    "Embed from Getty Images",
    "Opens in a new window",
    "Subscribe to our YouTube channel",
    "Video Player is loading.",
    "Current Time 0:00",
    "Duration 5:32",
    "Loaded: 0%",
    "Remaining Time -5:32",
    "Playback Rate 1x",
    "captions off, selected",
    "Beginning of dialog window. Escape will cancel and close the window.",
    "Fullscreen",
    "Terms of Use",
    "Privacy Policy",
    "Do not sell my personal information",
    "« Previous",
    "Older posts",
    "Filed Under:",
    # a membership appeal's pitch and its buttons
    "Independent reporting takes time and money. Become a member today and help us keep our "
    "stories free for everyone.",
    "Donate Become a member",
    "Donate | Subscribe",
    # an appeal's pitch that ends in its call, in the other languages
    "เท่าไรก็ได้ การสนับสนุนจากคุณ คือการร่วมสร้างและรักษาสื่อเสรี ‘ประชาไท’ ... ร่วมสนับสนุนเรา",
    "Unabhängiger Journalismus kostet Geld. Unterstützen Sie uns jetzt!",
    "Soutenez-nous",
    "Le journalisme indépendant a besoin de vous : soutenez-nous.",
    "Post navigation",
    "Tags",
    "Image source, Getty Images",
    "Image caption The protesters gathered outside parliament",
    "Your browser does not support the video tag.",
    "FILE PHOTO: A man walks past a logo of Huawei in Beijing, China, March 7, 2019. "
    "REUTERS/Thomas Peter/File Photo",
    "Click here to sign up",
    "Sign up here",
    "分享到微信",
    "相关阅读：政府发布新政策",
    "関連記事",
    "Advert",
    "Jewels after Jewels, installation views, photos © Inexhibit, 2018",
    "The harbour at dawn, image © Jane Doe / Harbour Press",
    "Get Motor Cycle Monthly delivered through your letterbox every month. 12 issues for £11.99. "
    "Click here for more information.",
    "Subscribe today and get unlimited digital access for just $1 a week for your first year.",
    "Get access to the country's fastest growing financial subscription service for as little "
    "as Rs 599 for the first year. Use the code SAVE20 at checkout.",
    # calls to subscribe, sign in, get the app or send a tip; the full story elsewhere
    "Subscribe now",
    "Click here to subscribe",
    "Already a subscriber? Sign in",
    "Sign in to continue reading",
    "Support independent journalism",
    "Become a member today",
    "Download the app",
    "Get the Fox News app",
    "Have a news tip? Email us at tips@example.com",
    "Read the full story here",
    "Click here to read more",
    "| ADD TO CART: US$25 League of Legends Gift Card for NA server |",
    "View Deal",
    "【责任编辑：严玉洁】",
    "Washington CNN —",
    "NEW YORK (AP) —",
    # notices that publishing systems print inside the body
    "Copyright 2019 The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "Image copyright Getty Images",
    "Media playback is unsupported on your device",
    "Please enable JavaScript to view the comments powered by Disqus.",
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Published 3 hours ago",
    "Print this article",
    "Listen to this article",
    "This content is imported from Instagram. You may be able to find the same content in "
    "another format, or you may be able to find more information, at their web site.",
    "This content is created and maintained by a third party, and imported onto this page to "
    "help users provide their email addresses. You can find more information about this and "
    "similar content at piano.io",
    # captions that end with their photo credit (the caption's class was not recognised)
    "Vicente Aguiar loads garage door trims into his pickup truck outside a Home Depot in "
    "Hialeah, Fla. (AP Photo/Alan Diaz, File)",
    "Spain's Rafael Nadal celebrates a point against Russia's Karen Khachanov during their "
    "Davis Cup tennis match in Madrid, Spain, Tuesday, Nov. 19, 2019. (Manu Fernandez/AP)",
    "In this Dec. 12, 2006, file photo, astronauts participate in a space walk during "
    "construction of the International Space Station. (NASA via AP, File)",
    "WeWork chairman Marcelo Claure (Credit: Getty Images)",
    "Gunmen stormed the national museum, killing at least 19 people. (Reuters)",
    "Mayor Pete Buttigieg speaks during a fundraiser in Las Vegas.Photo: John Locher, AP",
    "The Islanders' Brock Nelson puts the game-winning goal behind Matt Murray during an NHL "
    "hockey game in Pittsburgh. The Islanders ... morePhoto: Gene J. Puskar",
    "The WeWork logo is displayed outside of a co-working space in New York.Reuters",
    # a caption's toggles, each a line, and both before the credit (Hearst's papers)
    "U.S. Defense Secretary Mark Esper, left, and Vietnamese Defense Minister Ngo Xuan Lich "
    "shake hands in Hanoi, Vietnam Wednesday, Nov. 20, 2019. less",
    "U.S. Defense Secretary Mark Esper, left, and Vietnamese Defense Minister Ngo Xuan Lich "
    "shake hands in Hanoi ... more",
    "U.S. Defense Secretary Mark Esper, left, and Vietnamese Defense Minister Ngo Xuan Lich "
    "shake hands in Hanoi, Vietnam Wednesday, Nov. 20, 2019. Esper is on a visit to Vietnam "
    "to strengthen the military relations with the Southeast Asian nation. less U.S. Defense "
    "Secretary Mark Esper, left, and Vietnamese Defense Minister Ngo Xuan Lich shake hands in "
    "Hanoi, Vietnam Wednesday, Nov. 20, 2019. Esper is on a visit to Vietnam to strengthen "
    "the military relations ... more Photo: Hau Dinh, AP",
    "New York Islanders' Brock Nelson (29) puts the game-winning overtime goal behind "
    "Pittsburgh Penguins goaltender Matt Murray (30). (AP Photo/Gene J. Puskar) less",
    # a byline's row with its place between the name and the date
    "Patricio Candia | Palma de Mallorca | 08/01/2014",
    "By Jane Roe | London | 8 January 2014",
    # a credit that names a photographer with an initial
    "Photo: Gene J. Puskar",
    # a caption's credit named as the picture's, no agency in it (the Express's)
    "Protesters do not want Hong Kong to lose its autonomy (Image: getty )",
    "The Hong Kong Protests - how they happened (Image: EXPRESS)",
    # a gallery's counter and its way out
    "Image 1 of / 8",
    "Photo 3 of 12",
    "Back to Gallery",
    "The road to retiring early isn't easy.Kathrin Ziegler/Getty",
    # labels, datelines and signatures of the page around the story
    "Caption",
    "Updated",
    "Published Monday, November 18, 2019 8:22AM EST",
    "November 19, 2019 | 4:20am | Updated November 19, 2019 | 9:32pm",
    "Robert Burns, AP National Security Writer",
    "Tim Childers, Live Science Contributor",
    # a call to follow or talk to the author on a network
    "Follow the author on Twitter",
    "Folgen Sie dem Autor auf Twitter",
    "Diskutieren Sie mit dem Autor - auf Twitter oder auf Instagram!",
    # an author box's role line, its name gone as a byline (FAZ's)
    "Redakteur in der Wirtschaft.",
    "Redakteur in der Wirtschaft der Frankfurter Allgemeinen Sonntagszeitung.",
    "Korrespondentin für Wirtschaftspolitik in Berlin",
    "Senior Editor at Wired",
    "Staff Writer",
    # notices of publishing and market-data systems
    "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
    "This slideshow requires JavaScript.",
    "Data is a real-time snapshot *Data is delayed at least 15 minutes. Global Business and "
    "Financial News, Stock Quotes, and Market Data and Analysis.",
    "Quotes delayed at least 15 minutes.",
    "on December 27, 2014 at 12:06 PM, updated December 27, 2014 at 12:10 PM",
    "™ & © 2013 Cable News Network, Inc., a Time Warner Company. All rights reserved.",
    "(END)",
    "URL is copied.",
    "このニュースをシェア",
    "เรื่องที่เกี่ยวข้อง",
    "Found a typo? Select it and press Ctrl + Enter.",
    "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter",
    "Iezīmējiet tekstu un spiediet Ctrl+Enter, lai nosūtītu labojamo teksta fragmentu "
    "redaktoram!",
    # the label of a row of share icons, a script's placeholder, a byline label left alone
    "Share on",
    "- Teilen auf",
    "Udostępnij",
    "Loading content ...",
    "Loading weather data ...",
    "By",
    "Author:",
    "AUTOR",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Suggested Reading",
    "Das Thema könnte dich auch interessieren:",
    "Verwandte Themen auf unserem Blog:",
    # paywall notices at the end of a teaser
    "This article is only available to subscribers. Subscribe now for unlimited access.",
    "Subscribe now to access Herald Sun.",
    "To continue reading, subscribe now.",
    "You have reached your limit of free articles. Subscribe for unlimited access.",
    "Dieser Artikel ist nur für Abonnenten verfügbar.",
    "Il vous reste 74% de cet article à lire.",
    "この記事は会員限定です。電子版に登録すると続きをお読みいただけます。",
    # a comment button, an editor's initials, a byline with its handle
    "Comentar",
    "(bsc)",
    "-- By Michael Russell Follow @tdmrussell",
    "By REUTERS",
    "By The Associated Press",
    # a site's rules for the comments under its stories
    "- ultimahora.es se reserva el derecho de eliminar cualquier comentario inapropiado.",
    # a call to click through to the site's group or page on a social network
    "Buat yang ingin gabung ke grup Islam silahkan klik https://www.facebook.com/groups/"
    "mediaislam Dan klik Join/Gabung",
    "Click here to like our page https://www.facebook.com/harbourgazette",
    # a call to click shouted in capitals (Fox's promotions between paragraphs)
    "CLICK HERE TO GET THE FOX NEWS APP",
    "GET FOX BUSINESS ON THE GO BY CLICKING HERE",
    "Comments are moderated and will appear after approval.",
    "The views expressed in the comments are those of the users and do not reflect the views "
    "of our site.",
    "Les commentaires sont modérés.",
    # feedback and rating widgets
    "Was this article helpful?",
    "Give us feedback.",
    "CNN values your feedback",
    "Not yet rated",
    "Wie bewerten Sie diesen Artikel?",
    "- Actualmente puntuada con 1 estrella(s) sobre 5",
    "Other People Are Reading",
    "This feature is temporarily unavailable. Please try again later.",
    "These are external links and will open in a new window Copy this link "
    "https://www.bbc.com/news/newsbeat-50470672 Read more about sharing.",
    "Share this story About sharing",
    # the labels of a story page's tools
    "Audio for this article is not available.",
    "Corrections & clarifications",
    "Report a typo",
    "Gift this article",
    "Comments (12)",
    "Already have an account? Sign in",
    "This article is more than 2 years old",
    "Reuse this content",
    # photo credits as a list of names, with a "Top photo" prefix
    "Photos by cmgirl (Shutterstock), Macrovector (Shutterstock), J E Theriot, davidd, George "
    "Redgrave, David Amsler, Arup Malakar, J B, jakerome, 401(K) 2012.",
    "Top photo by Joan Bardeletti",
    "Image courtesy of NASA",
    "Copyright 2019 The Associated Press. All rights reserved. This material may not be "
    "published, broadcast, rewritten or redistributed.",
    "copyright Inexhibit 2019 - ISSN: 2283-5474",
    "Copyright @ 2019 The New Arab.",
    "A view of the harbour, copyright Jane Doe 2019",
    "(Reporting by Michelle Nichols; Editing by Leslie Adler)",
    "Reading time: less than a minute",
    "Lesezeit ca. 3 Minuten",
    # session 14: the chrome of a site's boxes, when the footer and sidebars come in
    "Get The Magazine",
    "Never miss a post",
    "The best in culture from a cultural icon. Subscribe now for more from the authority on "
    "music, entertainment, politics and pop culture.",
    "14 hours ago",
    "Hace 28 minutos",
    "vor 3 Stunden",
    "Learn more I agree X",
    "In This Article: Doobie Brothers, Michael McDonald",
    "Names in this article: Donald Trump",
    "Subjects: Crime, Drugs, Immigration",
    "We are a participant in the Amazon Services LLC Associates Program, an affiliate "
    "advertising program designed to provide a means for us to earn fees by linking to "
    "Amazon.com and affiliated sites.",
    "By Matthew Digby , Minh Do on Monday, November 18th, 2019 at 11:08 a.m.",
    "Researched by: Matthew Digby, Minh Do",
    "Support independent fact-checking",
    # a related card's headline written three times, an excerpt with its link's label
    "How Stores Manipulate Your Senses So You Spend More Money How Stores Manipulate Your "
    "Senses So You Spend More Money How Stores Manipulate Your Senses So You Spend More Money",
    "When you walk into almost any store, you're immediately overloaded with sights, sounds,… "
    "Read more Read more",
    "Die neuen Regeln gelten ab Januar für alle Mieter [...] Weiterlesen »",
    # found on pages no rule was written from (session 17): a teaser's comment count in
    # French and German, a count the script fills in, e-mail and alert prompts, a podcast
    # plugin's player links, a newsletter link whose verb comes last, credits that name a
    # domain or a Creative Commons licence, a German credits heading
    "78 commentaires",
    "1 commentaire",
    "3 Kommentare",
    "Kommentare (",
    "Diesen Inhalt per E-Mail versenden",
    "Artikel per Mail verschicken",
    "Sponsored Ads",
    "Get reporter alerts",
    "Sign up for breaking news alerts",
    "Podcast: Play in new window | Download (Duration: 32:10 — 29.4MB) | Embed",
    "Subscribe: Apple Podcasts | Android | RSS",
    "Newsletter abonnieren",
    "Newsletter-Anmeldung",
    "CHANGELOG ABONNIEREN",
    "Trage dich mit deiner E-Mailadresse in die Mailingliste ein und du erhältst ad hoc die "
    "neusten Blogposts: Reportagen, Features und Interviews mit Tiefgang in die digitale Szene.",
    "Bild: S-F / Shutterstock.com",
    "Quellen Bild: S-F / Shutterstock.com",
    "Photo (cc) : svenwerk",
    "Flower von Flower`s Lover CC BY 2.0",
    "Photo by Jane Doe (CC BY-SA 4.0)",
    "Bildnachweise (von oben nach unten):",
    "AP Photo/Alan Diaz, File",
    "dpa/Jens Büttner",
    "Auch Herbert Grönemeyer gehört zu den Unterstützern. Bild: dpa",
    "Die Kanzlerin bei ihrer Rede im Bundestag. Foto: Michael Kappeler/dpa",
    "This article originally appeared on VICE US.",
    # a print template's source line
    "This article was printed from http://www.deadline.com/2013/06/big-media-episode-38/",
    "Article printed from Harbour Gazette: https://harbourgazette.example/ferry",
    "A version of this story first appeared in The Guardian.",
    "Please activate JavaScript in your browser to use all interface options.",
    "Bitte aktivieren Sie JavaScript, um alle Funktionen zu nutzen.",
    "JavaScript is required to view this content.",
    "Hier können Sie sich zum kostenlosen Newsletter der Österreich Werbung anmelden.",
    "Sign up to receive regular updates with the latest roles suitable for you",
    "Courtesy of Forests News",
    "(Courtesy of the artist)",
    # the labels of languages beyond the corpus's (Dutch, Swedish, Polish, Czech, Turkish,
    # Romanian, Hungarian, Finnish, Vietnamese, Arabic, Hindi)
    "Lees ook", "Gerelateerde artikelen", "Advertentie", "Deel op Facebook", "Läs också",
    "Annons", "Czytaj także:", "Zobacz też", "Reklama", "Udostępnij na Facebooku",
    "Podobne artykuły", "Čtěte také", "Související články", "İlgili Haberler", "Reklam",
    "Devamını oku", "Facebook'ta paylaş", "Citește și", "Kapcsolódó cikkek", "Lue myös",
    "Tin liên quan", "Xem thêm", "Quảng cáo", "Chia sẻ lên Facebook", "اقرأ أيضا",
    "مواضيع ذات صلة", "إعلان", "شارك على فيسبوك", "यह भी पढ़ें", "विज्ञापन", "शेयर करें",
    "Czytaj także: Rząd przyjął projekt ustawy o podatkach",
    "Lees ook: Kabinet wil strengere regels voor huurwoningen",
    "İlgili haber: Bakan yeni vergi paketini açıkladı",
    "Zapisz się do newslettera", "Bültenimize abone olun", "Schrijf je in voor onze nieuwsbrief",
    "Đăng ký nhận bản tin", "اشترك في النشرة البريدية", "Prenumerera på vårt nyhetsbrev",
    "Přihlaste se k odběru newsletteru", "Iratkozz fel hírlevelünkre", "Tilaa uutiskirje",
    "न्यूज़लेटर के लिए साइन अप करें", "Śledź nas na Facebooku", "Bizi Twitter'da takip edin",
    "Volg ons op Facebook", "Theo dõi chúng tôi trên Facebook", "تابعونا على فيسبوك",
    "Följ oss på Instagram",
    "Fot. PAP/Leszek Szymański", "fot. materiały prasowe", "Zdjęcie: Getty Images",
    "Źródło: PAP", "Bron: ANP", "Beeld: ANP", "Fotoğraf: AA", "Kaynak: AA", "Fotó: MTI",
    "Kuva: Lehtikuva", "Ảnh: Reuters", "(Ảnh minh họa)", "Nguồn: VnExpress", "صورة: رويترز",
    "المصدر: رويترز", "صورة أرشيفية", "फोटो: पीटीआई", "स्रोत: पीटीआई",
    # a story page's tools and labels: print, listen, back to the top, reading time, tags,
    # the comment count
    "Drucken", "Artikel anhören", "Zum Seitenanfang", "Écouter cet article", "Imprimir",
    "Escuchar este artículo", "Печать", "Слушать статью", "Leestijd: 4 minuten",
    "4 minuten leestijd", "Reacties (12)", "Printen", "Luister naar dit artikel",
    "Czas czytania: 4 min", "Tagi: polityka, gospodarka", "Komentarze (12)", "Drukuj",
    "Posłuchaj artykułu", "Okuma süresi: 4 dakika", "4 dk okuma", "Etiketler: siyaset, ekonomi",
    "Yorumlar (12)", "Yazdır", "Haberi dinle", "Thời gian đọc: 4 phút",
    "Từ khóa: chính trị, kinh tế", "Bình luận (12)", "In bài viết", "Nghe bài viết",
    "مدة القراءة: 4 دقائق", "الكلمات المفتاحية: سياسة، اقتصاد", "التعليقات (12)", "طباعة",
    "استمع إلى المقال", "पढ़ने का समय: 4 मिनट", "टैग: राजनीति", "टिप्पणियां (12)", "प्रिंट",
    "खबर सुनें", "Facebookでシェア", "LINEで送る",
    # a byline's row: the name, the times and the reading time, set apart by bars or dots
    "By Jane Doe | Updated 2 hours ago", "By Jane Doe · 5 min read",
    "Jane Doe · April 5, 2023 · 4 min read", "By Jane Doe, Staff Writer | Updated 2 hours ago",
    "By Jane Doe | 4 min read | Updated 2 hours ago", "Posted 12 minutes ago by Jane Doe",
    "Jane Doe | 3 days ago", "Von Max Muster | vor 2 Stunden", "Jane Doe·4 min read",
    "Continue reading with a subscription Subscribe now Already a subscriber? Log in",
    "By Jane Doe | November 19, 2019 | Updated November 20, 2019",
    # the site's own channel, and a paywall's pitch and buttons
    "Join our WhatsApp channel for the latest news: click here",
    "Click here to join our Telegram channel", "Follow our WhatsApp Channel",
    "Subscribe to our YouTube channel for more videos",
    "Continue reading with a subscription", "Subscribe for unlimited access",
    "Get unlimited access to our journalism for just $1 a week.",
    "To continue reading, subscribe now", "Subscribe now Already a subscriber? Log in",
    # an ad slot's label and the line under it, run together
    "ADVERTISEMENTStory continues below advertisement",
    "AdvertisementContinue reading the main story",
    # a row of counts, a story's jump links, a player's label and length, a teaser's label
    # run into its headline, a comment form's notice
    "1.2K Shares 45 Comments", "3,410 views", "Jump to Recipe Print Recipe",
    "Jump to: Background | Reaction", "Listen to this article 4 min",
    "Also Read Governor signs new budget into law after weeks of debate",
    "Related Stories “Flood barrier opens”", "You must be logged in to post a comment.",
    # a row of share buttons run into one line, longer than a label
    "Share on X Share on Facebook Share on LinkedIn Share via Email",
    "Click to share on Twitter (Opens in new window) Click to share on Facebook (Opens in new "
    "window) Click to email a link to a friend (Opens in new window)",
    "Click to print (Opens in new window)",
    # a view count behind its icon, a reaction widget, a WordPress entry footer
    "👁 2,345 Views", "What’s your reaction? Like Love Haha Wow Sad Angry",
    "This entry was posted in News and tagged budget, council. Bookmark the permalink.",
    # the site's channel in the other languages
    "Únete a nuestro canal de WhatsApp para recibir las últimas noticias",
    "Rejoignez notre chaîne WhatsApp pour ne rien manquer de l'actualité",
    "Entre no nosso canal do WhatsApp e receba as notícias do dia",
    "Unisciti al nostro canale WhatsApp", "Sigue nuestro canal de Telegram",
    # Blogger's and Disqus's lines, a media block's lone label, a prompt to share
    "Labels: news, politics", "Email This BlogThis! Share to Twitter Share to Facebook "
    "Share to Pinterest", "No comments: Post a Comment", "Newer Post Older Post Home",
    "Subscribe to: Post Comments (Atom)", "comments powered by Disqus", "Image", "Embed",
    "Watch Now", "Ad loading...", "Updated at 5:43 p.m. ET", "Subscribe to our mailing list",
    "Like this article? Share it with your friends!", "If you liked this article, please share it.",
    # teasers' labels: a video's, a podcast's, a site's other sections, in brackets
    "WATCH: Firefighters battle blaze in downtown warehouse", "Related Video: Storm damage",
    "LISTEN: The latest episode of our podcast", "Also See: City council delays the vote",
    "Don’t miss: Five things to know", "Trending: Police search for driver after crash",
    "Also on CBC: Five things to know", "[Related: City council delays vote on the new budget]",
    "(Story continues below)", "Click here to read more stories like this.",
    "Read the latest updates on the war in Ukraine here.",
    "Follow our live coverage of the election here",
    "Download the NBC News app for breaking news and alerts",
    # a poll's label and count, a podcast player's episode, a corrections box, a live label
    "Poll", "Quick Poll", "Umfrage", "1,234 votes", "Episode 42 · 23 min", "Folge 7 | 31:05",
    "Spotted an error in this story? Let us know by emailing corrections@courier.example.",
    "Found a typo? Email us", "LIVE Follow our live coverage of the storm",
    "LIVE UPDATES: Latest on the storm", "@janedoe",
    # a map's credit, a gallery's count, a video ad's controls, a sponsor's credit, a
    # podcast's promotion, a share prompt with its buttons, teasers' labels, an author's list
    "Map data ©2019 Google View larger map", "Photo gallery (12 photos)",
    "Skip Ad Ad will close in 5 seconds", "Presented by Acme Bank",
    "In partnership with Acme Bank",
    "Subscribe to The Daily Briefing on Apple Podcasts, Spotify or wherever you get your "
    "podcasts.", "Share this story with a friend: Facebook Twitter Email",
    "Up next Council votes to close the old ferry terminal",
    "Read this next: Council votes to close the old ferry terminal",
    "More stories by Jane Doe",
    # the same kinds in the other languages: subscribe buttons, home links, a comment
    # button, "keep reading", a feedback question, a player's fallback text, an ad label,
    # follow calls, a channel's invitation
    "Jetzt abonnieren", "Suscríbete", "Zur Startseite", "Réagir", "Sigue leyendo",
    "Hat Ihnen dieser Artikel gefallen?", "¿Te ha gustado este artículo?",
    "Votre navigateur ne supporte pas la vidéo.", "Continua após a publicidade",
    "Подпишитесь на наш канал в Telegram", "Читайте нас в Telegram",
    "Simak berita lainnya di Google News", "Ayo gabung ke saluran WhatsApp kami",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari "
    "bergabung di Grup Telegram \"Kompas.com News Update\", caranya klik link "
    "https://t.me/kompascomupdate, kemudian join.",
    # pointers and account prompts, a paywall's counter, calls for comments,
    # a player's label, comment and footer links, a theme's switch
    "Click here for the latest news", "Sign in to save",
    "Create a free account", "Register for free to continue reading", "Sign up for free",
    "You have 3 free articles remaining", "Get the latest news delivered daily!",
    "You have 1 article left to read this month before you need to register a free "
    "LeadDev.com account.",
    "We want to hear from you", "Have your say", "Listen (5 min)", "Go to comments",
    "Advertise", "Dark mode", "Read more from The Courier",
    # "keep reading", a comment button, partners' news in Italian, Polish, Russian, Korean
    "Continua a leggere", "Czytaj dalej", "더보기", "Оставить комментарий",
    "Новости партнеров",
    # credits, sponsors' labels, tag and gallery labels, "more" links, the newsroom's byline
    # and datelines in the other languages
    "Crédit photo : AFP", "사진=연합뉴스", "写真＝ロイター", "Imagem: Divulgação",
    "Fotografía: EFE", "Vídeo: EFE", "Видео: РИА Новости", "Reprodução/Instagram",
    "Divulgação", "(Reprodução)", "Sponsorizzato", "Patrocinado", "Contenido patrocinado",
    "Gesponsert", "Contenu sponsorisé", "Anúncio", "Теги:", "Tag:", "Bildergalerie",
    "Galería de fotos", "Galerie photos", "Фотогалерея", "Подробнее", "Selengkapnya",
    "Redação", "Da Redação", "La Redacción", "Publicado em 12/05/2019",
    "Atualizado em 12/05/2019 às 10h00", "Pubblicato il 12/05/2019 alle 10:00",
    "Gepubliceerd op 12 mei 2019 om 10:00",
    # a page's tools, a breadcrumb, placeholders, notification and tip prompts, a cookie
    # banner's line, a share button's "(Opens in new window)", a paywall's pitch
    "Audio version", "Add to bookmarks", "Read full bio", "View all posts",
    "See all articles by Jane Doe", "Photo 3/10", "Swipe for more photos",
    "Scroll down for video", "Enter your email address", "Accept cookies",
    "Manage preferences", "Load more comments", "Be the first to comment",
    "Sort by: Newest", "Top of page", "Home > News > Politics", "You are here: Home / News",
    "Breadcrumb", "Video unavailable", "Embedded content",
    "Tap here to turn on desktop notifications to get the news sent straight to you.",
    "Get push notifications with news, features and more.", "Got a story? Contact us",
    "Want more? Follow us", "We use cookies to improve your experience",
    "Click to email a link to a friend (Opens in new window)",
    "Continue reading this article with a subscription",
    # the same tools in the other languages, "more news", an agency's part in the story
    "Escuchar", "Ouvir", "Vorlesen", "Guardar", "Enregistrer", "Merken", "Ver más",
    "Voir plus", "Mehr anzeigen", "Mostra di più", "Показать ещё", "Cargar más",
    "Carregar mais", "Charger plus", "Mehr laden", "Schriftgröße", "Tamaño de letra",
    "Taille du texte", "Escribe un comentario", "Écrire un commentaire",
    "Teilen Sie diesen Artikel", "Partagez cet article", "Zurück zur Übersicht",
    "Volver al listado", "Retour à la liste", "Kembali ke atas", "Подписаться на рассылку",
    "Plus d'actualités", "Mit Material von dpa", "Con información de EFE", "Avec AFP",
    "(mit dpa)", "(con EFE)",
    # a share counter with its icon's count, a radio show's promotion
    "This story has been shared 44,976 times. 44,976", "This article has been shared 12 times.",
    "Listen to Newsbeat live at 12:45 and 17:45 weekdays - or listen back here.",
    "Tune in to Radio 1 live every weekday from 4pm, or listen again on BBC Sounds.",
    # market-data notices under a quote table, Fox Business's of 51 words
    "Quotes delayed at least 15 minutes. Real-time quotes provided by BATS BZX Real-Time "
    "Price. Market Data provided by Interactive Data (Terms & Conditions). Powered and "
    "implemented by Interactive Data Managed Solutions. Company fundamental data provided by "
    "Morningstar. Earnings estimates data provided by Zacks. Mutual fund and ETF data "
    "provided by Lipper.",
    "All quotes delayed a minimum of 15 minutes. See here for a full list of exchanges and "
    "delays.",
    # News Corp's footer line, The Sun's copyright paragraph of 60 words
    "News Corp is a network of leading companies in the worlds of diversified media, news, "
    "education, and information services.",
    "©News Group Newspapers Limited in England No. 679215 Registered office: 1 London Bridge "
    "Street, London, SE1 9GF. \"The Sun\", \"Sun\", \"Sun Online\" are registered trademarks or "
    "trade names of News Group Newspapers Limited. This service is provided on News Group "
    "Newspapers' Limited's Standard Terms and Conditions in accordance with our Privacy & "
    "Cookie Policy.",
    # the same, as its template shows it on another page: 100 words
    "©News Group Newspapers Limited in England No. 679215 Registered office: 1 London Bridge "
    "Street, London, SE1 9GF. \"The Sun\", \"Sun\", \"Sun Online\" are registered trademarks or "
    "trade names of News Group Newspapers Limited. This service is provided on News Group "
    "Newspapers' Limited's Standard Terms and Conditions in accordance with our Privacy & "
    "Cookie Policy. To inquire about a licence to reproduce material, visit our Syndication "
    "site. View our online Press Pack. For other inquiries, Contact Us. To see all content on "
    "The Sun, please use the Site Map. The Sun website is regulated by the Independent Press "
    "Standards Organisation (IPSO)",
    # the site's accounts, in Thai and English, and a feedback box's line
    "เฟซบุ๊ก https://fb.me/prachatai", "ทวิตเตอร์ https://twitter.com/prachatai",
    "LINE ไอดี = @prachatai", "Facebook: https://www.facebook.com/courier", "Instagram: @courier",
    "Questions? Comments? Email us at", "Questions? Comments? Email us at markets@cnbc.com",
    # a meter's last count
    "This is your last article that you can read this month before you need to register a "
    "free LeadDev.com account.", "This is your last free article this month.",
    # The Local's paywall and comment box, a sign-up form's terms
    "Please sign up or log in to continue reading", "Please log in here to leave a comment.",
    "Join the conversation in our comments section below. Share your own views and "
    "experience and if you have a question or suggestion for our journalists then email us "
    "at news@thelocal.dk.",
    "Please keep comments civil, constructive and on topic – and make sure to read our terms "
    "of use before getting involved.",
    "By signing up you agree to our Terms of Use and Privacy Policy. We will use your email "
    "address to send you newsletters as well as information and offers related to your "
    "account.", "By clicking Sign up, you agree to our Terms of Service and Privacy Policy.",
    # PolitiFact's feedback box
    "How to contact us", "We want to hear your suggestions and comments. Email the "
    "Truth-O-Meter with feedback and with claims you'd like to see checked. If you send us a "
    "comment, we'll assume you don't mind us publishing it unless you tell us otherwise.",
    # a breadcrumb in other languages than English
    "Accueil > Actualités et humeurs > Décisions de l’AG Éducation IDF du mardi 10 septembre",
    "Startseite > Politik > Ausland", "Inicio / Noticias / Economía",
    "The-CNN-Wire",  # a local station's copy of a CNN story (newspaper4k's fox13now)
    # the typo-report widget with its button instead of Ctrl+Enter (a Latvian site's)
    "Iezīmējiet tekstu un spiediet uz Ziņot par kļūdu pogas, lai nosūtītu labojamo teksta "
    "fragmentu redaktoram!",
    "Spotted a typo? Highlight the text and click the Report an error button to tell our "
    "editors.",
    # the IAB consent dialog of the consent platforms, pulled in with LeadDev's story
    "With respect to advertising, we and 1111 selected , may use precise geolocation data, "
    "and identification through device scanning in order to store and/or access information "
    "on a device and process personal data like your usage data for the following advertising "
    "purposes: personalised advertising and content, advertising and content measurement, "
    "audience research and services development.",
    "You can freely give, deny, or withdraw your consent at any time by accessing the "
    "preferences panel. If you give consent, it will be valid only in this domain.",
    "Use the “Accept all” button to consent. Use the “Reject all” button or close this notice "
    "to continue without accepting.",
    "We and our partners store and/or access information on a device, such as cookies and "
    "process personal data, such as unique identifiers and standard information sent by a "
    "device for personalised ads and content, ad and content measurement, and audience "
    "insights, as well as to develop and improve products.",
    # an affiliate disclosure in Amazon's words (The Marginalian's first sentence)
    "The Marginalian participates in the Bookshop.org and Amazon.com affiliate programs, "
    "designed to provide a means for sites to earn commissions by linking to books.",
    "View Full Site", "Switch to desktop version",  # a mobile page's link to the full one
    "Ad Choices", "BC-EU--Britain-Brexit-Election, 1st Ld-Writethru", "(photo AFP)",
    "(photo AFP/Bundespolizei)", "(Foto: dpa)",
    # the Washington Post's comment system
    "You must be logged in to recommend a comment.", "You must be logged in to report a comment.",
    # a list's pager (Greenpeace's search results)
    "1 - 5 of 218 results.", "Showing 1–10 of 45 results", "1 bis 10 von 80 Treffern",
    # a wire story's byline row: the agency, then the date and time
    "Associated Press November 19, 2019, 9:02 AM", "The Associated Press 5:45 AM PST 11/19/2019",
    # a sports site's comment policy, past the 45 words of other notices
    "When submitting content, please abide by our submission guidelines, and avoid posting "
    "profanity, personal attacks or harassment. Should you violate our submissions guidelines, "
    "we reserve the right to remove your comments and block your account. Sportsnet reserves "
    "the right to close a story’s comment section at any time.",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_line_is_removed(line: str) -> None:
    assert is_boilerplate(line), line
    assert clean_paragraphs(with_line(line)) == BODY


REAL_SENTENCES = [
    "Sie können den Podcast abonnieren, sagte er.",
    "Diskutieren Sie mit dem Autor dieses Buches über seine Thesen, sagte der Verleger am "
    "Montag in Frankfurt bei der Vorstellung.",
    # a sentence about a role, not a role line
    "The editor in chief resigned on Monday.",
    "Reporter in a war zone is a lonely job.",
    "Reporter in a war zone is a job like no other, she wrote in her memoir last year.",
    "Redakteur in der Wirtschaft wurde er 2015, nach zehn Jahren als Korrespondent in Tokio.",
    "« Nous ne partirons pas | jamais », a dit le maire.",
    "« Nous ne partirons pas », a dit le maire.",
    "In 2019 the bill was passed by parliament",
    "On March 3, 2019 the ferry ran by night",
    "Citation: the court said the firm retrieved 20 November 2019 files from its server.",
    "(Photo taken by the author on the ferry to Carrick, where the old pier still stands.)",
    "US-UK trade talks resumed on Monday.",
    "The publisher participates in the Bookshop.org affiliate program, the company said, and "
    "earns a share of sales made through links in its reviews.",
    "The regulator said the company used precise geolocation data without consent, and that "
    "users could not withdraw their consent.",
    "We and our partners use the new tide data to plan the ferry timetable, the board said.",
    "To report an error in the tax form, select the text of the line and call the office.",
    "Startseite für Kinder: der Verein zeigt, wie es geht.",
    "Scored 3 to 1 of the last 4 games",
    "The board voted 7 to 2 of its 9 members to close the terminal.",
    "Shares fell 3% | a drop that Reuters called the sharpest this year.",
    "The report, first published by Bloomberg, said the deal was close.",
    # they hold the words of a heading or a prompt above, in running text
    "Top-Nachrichten aus der Region liefert der Sender stündlich.",
    "Berlangganan internet di desa itu mahal, kata warga.",
    "Les articles connexes au rapport ont été publiés mardi.",
    "Posted in Kabul since 2019, he said the talks had stalled.",
    "He was posted in Berlin.",
    "Topics covered in the course vary from year to year.",
    "Tags were found on 40 of the birds.",
    "Keywords matter less than they did.",
    "Filed under the old rules, the claim was rejected.",
    "Print and save the form before you send it.",
    "Rate this article carefully before you share it.",
    "Listen to this story of a ferry that never came.",
    "Download the PDF of the report here.",
    "Comments are welcome.",
    "Previous owners had left the house empty.",
    "Terms of use were changed in 2019, the company said.",
    "Contact us if you see him, police said.",
    "The video has been shared 20,000 times since Tuesday, police said.",
    "Prices are delayed by 15 minutes on some exchanges, which angered traders.",
    # an embedded tweet's address and its signature are the story's to the annotators
    "https://twitter.com/janedoe/status/1196547385962008576",
    "By signing up for the scheme, you agree to the terms the city set, officials said.",
    "The mayor asked residents to keep comments civil at the meeting on Tuesday.",
    "— Jane Doe (@janedoe) November 19, 2019",
    # a story's long paragraph that opens with the word and names a registered company
    "Copyright cases rarely reach the court of appeal, but this one did: the company, "
    "registered in England and Wales, said the photographs had been reproduced without "
    "permission in three newspapers, and the judges agreed with it on every point that the "
    "lower court had decided against it last year.",
    "Copyright holders say the ruling changes everything: the agency, a company registered in "
    "England and Wales under number 4567890, argued that its photographs had been reproduced "
    "without permission by three newspapers, which said they had the right to use them under "
    "the terms of a licence signed in 2015. The judges agreed with the agency on every point, "
    "and ordered the newspapers to pay damages and costs, which lawyers for the papers said "
    "they would appeal. The case is the first of its kind to reach the court since the law "
    "changed, and it is likely to be cited for years, lawyers on both sides said.",
    "Listen to the band live at the Apollo on Friday, when they play the new album in full.",
    "A post shared by the mayor on Facebook drew criticism.",
    "The duration 5:32 was a record.",
    "Mute swans nest on the river.",
    "Older posts on the forum describe the same fault.",
    "Filed under seal, the documents were released on Monday.",
    "Membership costs $20 a year. Become a member and you get free parking, the club says.",
    # the same words inside a sentence, which does not end with them
    "« Soutenez-nous », a lancé le maire aux habitants réunis sur la place.",
    "Die Bürgerinitiative rief: Unterstützen Sie uns bei der Abstimmung am Sonntag.",
    "The charity asked residents to donate to help our town's food bank.",
    "Donate blood, the hospital urged, as stocks ran low.",
    "Join us on Saturday for the parade, the mayor said.",
    "The image source was never found, police said.",
    "Image caption contests are popular online.",
    "He filed the story for Reuters/AP in 2019.",
    "Sign up here and there, she said.",
    "We reached out to Google about its cookie policy and will update this story.",
    "“We use cookies to improve your experience. By continuing, you agree to our use of "
    "cookies,” the banner said, which the court found misleading.",
    "The regulator found that the site set cookies before users could agree, and fined it.",
    "We baked cookies for the whole street, and our neighbours loved them.",
    "Cookies are small text files that websites store on your computer.",
    "Pingback is a way for a blog to learn that another blog has linked to one of its posts.",
    "We use cookies sparingly, the company said in a statement to regulators.",
    "The website uses cookies to track visitors, and consent was never asked, the regulator "
    "found.",
    "Like many of his peers, he left the city after the flood.",
    "Me gusta mucho esta ciudad.",
    "Via Appia was built in 312 BC.",
    "By the 18th, the water had receded on Monday, November 18th, 2019.",
    "Chat with your doctor before changing your medication.",
    "Reported by the Guardian, the deal was signed on Friday.",
    "Written by hand, the letter was found in a drawer.",
    "He urged readers to share this story with their families, saying the warning could save "
    "lives during the flood season.",
    "Related articles in the journal showed that bees can also detect explosives.",
    "Follow the money, the investigators said, and the trail leads to three shell companies.",
    "The article printed from the archive showed that the mayor had been wrong.",
    "The band told its fans to Follow @harbourband and the account passed ten thousand.",
    "By Tuesday, the company had agreed to the terms.",
    "The company's newsletter said profits rose by 12 per cent in the first quarter.",
    "Fans can follow her on Instagram, where she posted the news on Monday.",
    "Like many in the town, she joined the protest on Facebook and Twitter.",
    "Advertisement revenue fell 12 percent as brands cut spending.",
    "Residents who want to follow the project can sign up for email alerts on the city's "
    "website, the council said in a statement.",
    "Read more about the proposal in the council's published minutes, the mayor said.",
    "Share prices fell sharply after the announcement.",
    "Top News executives met on Monday to discuss the merger.",
    "Other news outlets reported the same figures on Tuesday.",
    "Other stories of survival",
    "Must reads are hard to find, the critic said.",
    # agency names and "photo"/"credit" words in the story's own sentences
    "Die elektronische Patientenakte (ePA)",
    "The minister told the AP that prices will rise (AP)",
    "Officials shared the figures with the Associated Press (AP) on Monday.",
    "Prices rose in May, the agency said. Credit: the central bank's lending grew too.",
    "She handed the photo to Reuters",
    "Jane Doe, a former editor of the paper, said it had lost its way.",
    "The data is delayed by 15 minutes because the exchange charges for live prices, he said.",
    "Updated figures will be published in March, the ministry said.",
    "To send the message, press Ctrl+Enter.",
    "The end of the war (1945) changed the city for good.",
    "The photo: a grainy image of the suspect, taken by a neighbour's camera, was released.",
    "29 November 2018 | 20 January 2019",
    "Published in 2019, the report found that 40 percent of households lacked access.",
    "Best of 2019",
    "Subscribers to the service said they had not been warned about the price rise.",
    "Er forderte die Leser auf, den Artikel zu teilen und die Petition zu unterschreiben.",
    # subscription words or a price alone, or an offer that is reported, is the story
    "If you just want Disney+, you can sign up for a free 7-day trial. Afterwards you'll pay "
    "$6.99 per month.",
    "Get ready for higher fares: the airline said a subscription to its lounge will cost $450.",
    "Use code 50OFF699 to get it at Dell for $799.99",
    "Sign up for a Hulu ad-free account for $11.99 a month",
    "The magazine sold 12 issues for £11.99 last year, its publisher told the court.",
    "Advertising copyright © belongs to the agency, the judge ruled on Tuesday.",
    "Il a demandé de partager cet article avec les familles concernées par la crue.",
    # the same words as the prompts and notices, in sentences of the story
    "Click here to get more information or download this game.",
    "He told readers to subscribe now or wait for the price to fall next year.",
    "Support independent journalism, the minister said, because it is a duty of the state.",
    "Sign in to the router's page and change the password.",
    "Read the full report, which runs to 300 pages, before the vote.",
    "Download the app, then open it and tap Settings.",
    "Published 3 hours ago, the report has been read by thousands.",
    "Your email address will not be published in the register, the council promised.",
    "Get it on Amazon for $39.99",
    "WASHINGTON (AP) — The Senate voted on Tuesday to keep the government open.",
    "Shoppers can add to cart any of the discounted items until midnight on Friday.",
    "编辑说，这篇文章将在下周发表。",
    "Share on the first day of trading rose to 40 percent.",
    "Loading up on carbs before a race is a myth, she said.",
    "By the end of the year, the plant had closed.",
    "The author of the report said the material may not be published before the vote.",
    "Suggested retail prices rose by 4 percent.",
    "Dela Rosa scored twice in the second half.",
    "This article is for subscribers only, the publisher said, and the paywall will stay.",
    "The story is available to members of the public from Monday.",
    "Members only clubs have grown in the city.",
    "Subscribe to the theory that prices will fall, and you will lose money.",
    "By Jane Doe's count, @cityhall posted 40 times.",
    "Facebook reserves the right to remove comments that break its rules.",
    "The group told followers to click the link, and facebook.com/groups/x grew by 2,000.",
    "Click here to get more information or download this game.",
    "WHAT HAPPENS HERE STAYS HERE",
    "Comments by the minister do not reflect the views of the government, a spokesman said.",
    "His comments were not permitted to air on state television.",
    "Feedback from customers is mixed.",
    "Was this the end of the empire?",
    "Rated R for violence, the film opens Friday.",
    "People are reading the report closely, she said.",
    "This service is unavailable in rural areas, the company admitted.",
    # "photos by", "video from" opening the story's own sentences
    "Photos by the agency showed the ship sinking near the coast.",
    "Images from the probe show a cratered surface.",
    "Video from the scene shows police dragging a man.",
    "Pictures from the wedding were shared widely online.",
    # "copyright" and "reporting by" opening or inside the story's own sentences
    "Copyright law has not kept pace with AI.",
    "Copyright holders sued in 2019.",
    "The ruling was a blow to the studios, copyright holders said on Monday",
    "The law changed in 1998 - copyright terms were extended by 20 years",
    "Reporting by local media suggested otherwise.",
    "Contributing: a sharp rise in rents that has pushed families out.",
    "Contributing to the problem was a shortage of nurses.",
    "Reading time among teens is down",
    "Lesezeit ist Lebenszeit",
    "1991",
    "1991年",
    # a date inside a Korean, Japanese or Chinese sentence, or a date with a byline's name
    "2019년 11월 19일 정부는 새 정책을 발표했다.",
    "2019年11月19日、政府は新しい政策を発表した。",
    "2019年11月19日，政府发布了新政策。",
    "Also on Monday, the council voted to raise taxes.",
    "Similar articles were published in 2018 by the same group.",
    "Explore more of the city on foot, the guide says.",
    "Zum Thema Klima sagte der Minister nichts.",
    "Rekomendasi itu disampaikan oleh menteri.",
    "Save the date: the festival opens on May 1.",
    "Supported by a grant from the city, the project began in 2019.",
    "Sign up sheets were posted in the lobby.",
    "Follow the river north for two miles.",
    "Topics discussed included trade and security.",
    "Replay footage showed the ball crossed the line.",
    "Ads by Google were blocked in the EU.",
    "Get the magazine's editors to agree and you have a cover.",
    "Never miss a chance to see the northern lights, the guide says.",
    "Subscribe now, the ads urged, and the readers did not.",
    "Three hours ago, the first ballots were counted.",
    "I agree with the court, she wrote.",
    "In this article, we look at how the vote was won.",
    "The subjects of the study were 40 adults aged 20 to 60.",
    "The Amazon Associates program pays sites a share of what readers buy, the company said.",
    "Researched by the team over two years, the report found that rents rose.",
    "Lock him up! Lock him up!",
    "New York, New York",
    "He said he would read more…",
    "By Monday, November 18th, the council had voted on the plan.",
    "Also: Vreni spricht nicht nur internetaffine, Social Media erfahrene Nutzer an, sondern "
    "auch die breite Öffentlichkeit und insbesondere auch Kinder.",
    # the same words inside the story's sentences (session 17)
    "Die 78 Kommentare unter dem Video waren fast alle negativ.",
    "Le journal était à la une de tous les kiosques ce matin-là.",
    "Wer den Newsletter abonnieren möchte, findet das Formular auf der Website der Stadt.",
    "Get alerts when the river rises, the county advised residents on Monday.",
    "Photo: John Smith. He said the fire started at noon and spread to the roof quickly.",
    "All our articles are published under CC BY 4.0 so that anyone may reuse them freely.",
    "The CC BY licence lets anyone reuse a work.",
    "Mehr zu diesem Thema erfahren Sie morgen in der Sendung, sagte der Sprecher.",
    "Siehe auch die Grafik oben, die den Anstieg der Mieten seit 2010 zeigt.",
    "The site lists external links to dozens of sources.",
    "Sie können den Artikel per E-Mail versenden, sagte die Sprecherin des Verlags.",
    "AP/Ipsos polls show that most voters want change.",
    "Reuters/Ipsos found that 40 percent of Americans approve of the job he is doing",
    "Das Foto: Ein Mann steht vor dem Haus.",
    "This article first appeared on the site in 2010 and has since been read by millions.",
    "This story first ran in 1998 when the paper still printed twice a day",
    "Developers can enable JavaScript in the settings, the company said.",
    "JavaScript is required for most modern websites.",
    "Sign up to receive the vaccine opened on Monday for residents over 65.",
    "Courtesy of the museum, the show opens Friday",
    "Courtesy is in short supply in Washington these days",
    # the same words in sentences of those languages
    "Lees ook wat de minister gisteren over de nieuwe wet heeft gezegd in de Kamer.",
    "Reklama w telewizji kosztuje coraz więcej, mówią przedstawiciele branży.",
    "Zobacz też, jak zmieniły się ceny mieszkań w Warszawie w ciągu ostatniego roku.",
    "İlgili haberler dün akşam televizyonda yayınlandı ve büyük ilgi gördü.",
    "Xem thêm những bức ảnh đẹp về Hà Nội trong bài viết dưới đây.",
    "وقال الوزير إن الإعلان عن الميزانية الجديدة سيتم الأسبوع المقبل.",
    "उन्होंने कहा कि विज्ञापन पर खर्च पिछले साल से दोगुना हो गया है।",
    "Bakan, bültenin her hafta yayınlanacağını ve okurların abone olabileceğini söyledi.",
    "De gemeente stuurt de nieuwsbrief elke maand naar alle inwoners, zei de wethouder.",
    "Bizi en çok şaşırtan şey, hükümetin Twitter hesabından yapılan açıklama oldu.",
    "Đăng ký kết hôn tại Hà Nội tăng mạnh trong năm nay, theo bản tin của thành phố.",
    "Volg ons advies en kijk op Facebook naar de nieuwe regels, zei de burgemeester.",
    "Tilaa on vähän, joten uutiskirje lähetetään vain kerran kuussa, kertoi toimitus.",
    "Fot. 1 przedstawia wykres cen mieszkań w Warszawie w latach 2010-2019.",
    "Nguồn tin cho biết, cuộc họp sẽ diễn ra vào tuần tới tại Hà Nội.",
    "Ảnh chụp màn hình cho thấy đoạn tin nhắn được gửi đi lúc 10 giờ tối.",
    "Kaynak gösterilmeden yayınlanan fotoğraf, sosyal medyada büyük tartışma yarattı.",
    "Drucken Sie das Formular aus und senden Sie es an das Amt.",
    "Nach oben ging es für die Aktie am Montag um fünf Prozent.",
    "Yorumlar sosyal medyada hızla yayıldı ve bakan açıklama yaptı.",
    "Bình luận của ông về kế hoạch mới đã gây tranh cãi lớn.",
    "Leestijd is voor veel lezers belangrijk, zegt de hoofdredacteur van de krant.",
    "Tagi, który był nowy w firmie, powiedział, że wszystko jest w porządku.",
    "Печать документов займёт два дня, сообщили в министерстве.",
    # a row of parts, one of which is no byline, date or label
    "Trump wins | 3 days ago", "Politics | Why the council voted no on the budget",
    "The vote came 2 hours ago | officials said", "Jane Doe | John Smith",
    "29 November 2018 | 20 January 2019", "Rome | Paris | London",
    # the channel or the access of others
    "Residents can join our WhatsApp group, the mayor said, to report potholes to city hall.",
    "Join our team as a reporter and cover the news that matters",
    "Get unlimited access to the gym for $10 a month, the chain said.",
    "Customers get unlimited access to all 40 parks for a year.",
    # a sentence that opens with the words of a jump link or a teaser's label
    "Jump to conclusions at your peril, the judge warned the jury.",
    "More Americans are moving to the Sun Belt than ever before.",
    "Read more books, the minister told pupils at the school's prize day.",
    "Also read by the committee was a letter from the mayor.",
    # "share" and "print" in a story's sentence; a channel's verb opening a sentence
    "Share prices fell sharply on Tuesday as investors sold tech stocks and bought bonds.",
    "Print media share of advertising fell again this year, the report by the agency found.",
    "Entre los detenidos hay dos menores, informó la policía de Madrid.",
    "Sigue la investigación sobre el canal de WhatsApp que difundió los bulos, dijo el fiscal.",
    "Labels are required on all food products sold in the state.",
    "Home prices rose for the fifth month in a row, the agency said.",
    "Video shows the moment the bridge collapsed into the river.",
    "If you liked this article, you will love the book it is taken from.",
    "Watch: the mayor said the vote would come soon, and it did.",
    "Read more about the new rules in the council's report, the spokesman said.",
    # a poll, an episode, a mistake and a live broadcast in a story's sentences
    "The poll closed on Tuesday with the mayor ahead by four points.",
    "Polls show the race is tight.", "The measure passed with 1,234 votes to 900.",
    "Episode 42 of the series aired on Sunday night to 3 million viewers.",
    "He found a mistake in the report and told the board about it on Monday.",
    "LIVE Nation said on Tuesday that ticket sales rose.",
    "LIVE coverage of the event drew 2 million viewers, the network said.",
    "@janedoe said the vote was close, and the count went on until midnight.",
    "The map data showed 12 photos of the site.", "He took 12 photos of the crash.",
    "Presented by the mayor, the plan won support.",
    "In partnership with the county, the city will build a bridge.",
    "Sponsored by Acme Bank, the race drew 3,000 runners.",
    "Up next for the council is the budget vote.",
    "Up next: the budget, which the council will debate for two days.",
    "Read next week's paper for the results of the vote.",
    "More stories by the same reporter appeared in 2018, the editor said.",
    "Abonnieren ist teuer geworden, sagt die Studie.",
    "Sigue leyendo el informe, dijo el ministro a los periodistas.",
    "Ratusan warga bergabung di grup Telegram itu sebelum polisi menutupnya pekan lalu.",
    "Читайте также отчёт министерства, сказал он журналистам в среду.",
    "The story continues after the video was posted online, police said.",
    "Create a free account, the bank told customers, and it would waive the fee.",
    "He said we want to hear from you about the bridge plan before May.",
    "Advertise jobs in the paper, the council was told.",
    "Dark mode is now the default on the new phones, the company said.",
    "You have 3 free articles remaining, the site tells readers, before a paywall appears.",
    "You have 2 articles left to finish before the deadline, the editor told the desk.",
    "Continua a leggere le notizie del giorno sul nostro sito, ha detto il sindaco.",
    "Czytaj dalej, jeśli chcesz wiedzieć więcej o tym, co się stało, napisał autor.",
    "Новости партнеров Сбербанка выросли на пять процентов за год.",
    "Он решил оставить комментарий без ответа, сказал представитель.",
    "Divulgação do resultado será feita amanhã, segundo o ministério.",
    "Reprodução de vídeo mostra o momento do acidente na rodovia.",
    "Tag der Arbeit wird am 1. Mai in vielen Ländern gefeiert.",
    "Подробнее о бюджете рассказал министр финансов в среду.",
    "Selengkapnya, polisi akan memeriksa tiga saksi pekan depan.",
    "Redação do Enem terá tema surpresa, diz ministro da Educação.",
    "La redacción del diario votó a favor de la huelga el lunes.",
    "Patrocinado por el ayuntamiento, el festival atrajo a miles de personas.",
    "Gesponsert wird das Projekt von der Stadt und zwei Stiftungen.",
    "Publicado em 2019, o livro vendeu um milhão de cópias no Brasil.",
    "You are here because you care about the bridge, he told the crowd.",
    "Home prices rose faster than wages > inflation, the report said.",
    "Got a story about the bridge? The council wants to hear it, she said.",
    "Want more money? Follow the budget debate, the mayor told reporters.",
    "We use cookies to improve your experience, the company said in its filing.",
    "Audio version of the speech was released on Tuesday by the White House.",
    "Breadcrumbs led the police to the suspect's car, the report says.",
    "Mit dpa arbeitet die Zeitung seit Jahren eng zusammen.",
    "Con EFE, la agencia española, firmó un acuerdo en mayo.",
    "Avec AFP et Reuters, le journal couvre le sommet de Bruxelles.",
    "Guardar silencio fue su decisión, dijo el juez a la prensa.",
    "Ver más allá de la crisis es difícil, dijo el ministro.",
    "Merken Sie sich den Termin, sagte der Bürgermeister am Dienstag.",
    # a place and a date without a name: an event's announcement, a table's row
    "London • June 2 & 3, 2026",
    "Herbstprüfung | 3. Dezember 2016",
    # a story's sentences that end in "less" or "more", count pictures or name one
    "The museum's new catalogue (image: a sketch of its façade) sold out within a week.",
    "The council spent more on roads this year and the schools got less.",
    "He said the reform would cost more... more than anyone had planned for.",
    "Image 1 of the probe's survey shows the crater's rim in detail, the agency said.",
    "Back to the gallery's opening night came the painter, forty years on.",
    # an agency and a date in a sentence; a long reported statement on comment rules
    "Associated Press photographers covered the final on November 19, 2019.",
    "The broadcaster said on Tuesday that it reserves the right to remove comments that "
    "break its rules, and that it will close the comment section of any story that draws "
    "abuse, after a week in which its moderators deleted more than four thousand posts under "
    "reports on the election and the players' strike, the company said.",
]


@pytest.mark.parametrize("sentence", REAL_SENTENCES)
def test_real_sentence_is_kept(sentence: str) -> None:
    assert not is_boilerplate(sentence), sentence
    assert clean_paragraphs(with_line(sentence)) == with_line(sentence)


# --- no pattern backtracks without end ------------------------------------------------------

LONG = "x" * 3000


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    ("paragraph", "verdict"),
    [
        # a capitalised byline that no name pattern ends on: 18 s before names took whole
        # words, and each longer name doubled it
        ("By JERUSALEM POST STAFF WRITERS AND EDITORS NOVEMBER 20, 2019 10:43 (updated)", True),
        (f"By X{LONG.upper()} (AP)", False),
        (f"Reading time: {LONG} a b c d e", False),
        (f"Also on {LONG} a b c!", False),
        (f"Photos by {LONG} shows a b c", False),
        ("BY " + "A " * 200 + "!", False),
        ("By" + " " * 3000 + "!", True),  # a byline label alone, once the spaces go
    ],
    ids=[
        "capitalised-byline", "long-capitalised-name", "reading-time", "also-on", "photos-by",
        "initials-byline", "spaces-after-by",
    ],
)
def test_long_words_do_not_make_a_rule_backtrack(paragraph: str, verdict: bool) -> None:
    assert is_boilerplate(paragraph) is verdict


@pytest.mark.timeout(30)
def test_a_long_word_in_a_list_at_the_end_does_not_make_the_list_rule_backtrack() -> None:
    # headline-like items whose value is too long for "a label and a short value"
    items = [f"- Aaaa: X{LONG} Bbbb Cccc Dddd", f"- Eeee: X{LONG} Ffff Gggg Hhhh"]
    assert clean_paragraphs([*BODY, *items]) == BODY


def test_runs_of_spaces_in_a_line_read_as_one_space() -> None:
    """A block's text keeps its source's indentation ("Share on\\n      Facebook" read off a
    <div>): the rules write one space between words, and match such a line too (a run of
    spaces also made a few of them slow, quadratic in its length)."""
    assert core_text("Share   on \t Facebook") == "Share on Facebook"
    assert is_boilerplate("Share   on   Facebook")
    assert is_boilerplate("Support     independent journalism")
    sentence = "Contribute" + " " * 3200 + "to the fund, the council said on Monday."
    assert not is_boilerplate(sentence)


def test_a_call_to_join_the_site_s_forum_may_run_to_a_second_sentence() -> None:
    """Space.com's forum call is 33 words, past the 25 of a prompt of one sentence; in the
    site's voice ("our") it goes at up to 45. A story's sentence that opens with "Join the
    community" stays."""
    call = (
        "Join our Space Forums to keep talking space on the latest missions, night sky and "
        "more! And if you have a news tip, correction or comment, let us know at: "
        "community@space.com."
    )
    assert is_boilerplate(call)
    story = (
        "Join the community garden on Saturday, where volunteers from the three churches of "
        "the parish will plant the beds that the council cleared last autumn after the long "
        "dispute over the lease."
    )
    assert not is_boilerplate(story)
    long_call = call + " Members get a weekly digest of the best threads and the missions' news."
    assert not is_boilerplate(long_call + " " + long_call)  # past 45 words: a story's
