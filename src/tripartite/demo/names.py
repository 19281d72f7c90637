"""Names for the demo: people from many cultures and scripts, organisations, and the titles
of the meetings, sessions, agenda items and committees.

A pool entry is a plain string when the name is in Latin script (``name_latin`` is the
name itself) or when the culture has a transliterator (Cyrillic, Greek, Georgian); it is
``"native=Latin"`` when the Latin form is written by hand (Arabic, Han, Devanagari…).
Family names that change with gender are written ``"masculine|feminine"``.

Everything here is invented demo data: the combinations are random, the people fictitious.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass


def _list(text: str) -> tuple:
    """``"a, b=B, c"`` → ``("a", ("b", "B"), "c")``."""
    entries = []
    for item in text.split(","):
        item = " ".join(item.split())
        if not item:
            continue
        native, _sep, latin = item.partition("=")
        entries.append((native, latin) if latin else native)
    return tuple(entries)


# --- transliteration ------------------------------------------------------------------------

def _table_transliterator(table: dict[str, str],
                          initial: dict[str, str] | None = None) -> Callable[[str], str]:
    """Letter-by-letter transliteration; ``initial`` overrides letters that start a word."""
    initial = initial or {}

    def transliterate(text: str) -> str:
        out = []
        for index, char in enumerate(text):
            lower = char.lower()
            if lower not in table:
                out.append(char)
                continue
            at_start = index == 0 or not text[index - 1].isalpha()
            latin = initial.get(lower, table[lower]) if at_start else table[lower]
            out.append(latin[:1].upper() + latin[1:] if char.isupper() else latin)
        return "".join(out)

    return transliterate


_RUSSIAN = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
     "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
    strict=True))
russian_latin = _table_transliterator(_RUSSIAN)
kazakh_latin = _table_transliterator({
    **_RUSSIAN, "ә": "a", "ғ": "g", "қ": "k", "ң": "ng", "ө": "o", "ұ": "u", "ү": "u",
    "һ": "h", "і": "i"})
tajik_latin = _table_transliterator({
    **_RUSSIAN, "ғ": "gh", "ӣ": "i", "қ": "q", "ӯ": "u", "ҳ": "h", "ҷ": "j"})
mongolian_latin = _table_transliterator({**_RUSSIAN, "ө": "ö", "ү": "ü"})

# Ukrainian: the national system of 2010 (e.g. Андрій → Andrii, Юлія → Yuliia).
ukrainian_latin = _table_transliterator(
    dict(zip("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя'",
             ["a", "b", "v", "h", "g", "d", "e", "ie", "zh", "z", "y", "i", "i", "i", "k",
              "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh",
              "shch", "", "iu", "ia", ""], strict=True)),
    initial={"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"})

# Bulgarian: the official streamlined system (Димитър → Dimitar; final -ия → -ia).
_bulgarian_letters = _table_transliterator(dict(zip(
    "абвгдежзийклмнопрстуфхцчшщъьюя",
    ["a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
     "s", "t", "u", "f", "h", "ts", "ch", "sh", "sht", "a", "y", "yu", "ya"], strict=True)))


def bulgarian_latin(text: str) -> str:
    return re.sub(r"iya\b", "ia", _bulgarian_letters(text))


# Serbian Cyrillic has an exact Latin twin (Gaj's alphabet).
serbian_latin = _table_transliterator(dict(zip(
    "абвгдђежзијклљмнњопрстћуфхцчџш",
    ["a", "b", "v", "g", "d", "đ", "e", "ž", "z", "i", "j", "k", "l", "lj", "m", "n", "nj",
     "o", "p", "r", "s", "t", "ć", "u", "f", "h", "c", "č", "dž", "š"], strict=True)))
macedonian_latin = _table_transliterator(dict(zip(
    "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    ["a", "b", "v", "g", "d", "gj", "e", "zh", "z", "dz", "i", "j", "k", "l", "lj", "m", "n",
     "nj", "o", "p", "r", "s", "t", "kj", "u", "f", "h", "c", "ch", "dzh", "sh"],
    strict=True)))
_georgian_letters = _table_transliterator(dict(zip(
    "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ",
    ["a", "b", "g", "d", "e", "v", "z", "t", "i", "k", "l", "m", "n", "o", "p", "zh", "r",
     "s", "t", "u", "p", "k", "gh", "q", "sh", "ch", "ts", "dz", "ts", "ch", "kh", "j", "h"],
    strict=True)))


def georgian_latin(text: str) -> str:
    """The national system of 2002; Georgian has no capitals, the Latin form has."""
    return " ".join(word[:1].upper() + word[1:] for word in _georgian_letters(text).split(" "))

_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω",
                  ["a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o",
                   "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o"], strict=True))
_GREEK_PAIRS = {"ου": "ou", "γγ": "ng", "αι": "ai", "ει": "ei", "οι": "oi"}
_GREEK_VOICELESS = set("θκξπστφχψ")


def greek_latin(text: str) -> str:
    """ELOT 743 in its passport form: Ευάγγελος → Evangelos, Αικατερίνη → Aikaterini."""
    return " ".join(_greek_word(word) for word in text.split(" "))


def _greek_word(word: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFD", word.lower())
                    if not unicodedata.combining(c))
    out, index = [], 0
    while index < len(plain):
        pair, following = plain[index:index + 2], plain[index + 2:index + 3]
        if pair in ("αυ", "ευ"):
            out.append(pair[0].translate(str.maketrans("αε", "ae"))
                       + ("f" if not following or following in _GREEK_VOICELESS else "v"))
        elif pair in ("μπ", "ντ", "γκ") and index == 0:
            out.append({"μπ": "b", "ντ": "d", "γκ": "g"}[pair])
        elif pair in _GREEK_PAIRS or pair in ("μπ", "ντ", "γκ"):
            out.append(_GREEK_PAIRS.get(pair) or {"μπ": "mp", "ντ": "nt", "γκ": "nk"}[pair])
        else:
            out.append(_GREEK.get(plain[index], plain[index]))
            index += 1
            continue
        index += 2
    latin = "".join(out)
    return latin[:1].upper() + latin[1:]


# --- cultures -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Culture:
    female: tuple
    male: tuple
    family: tuple
    latin: Callable[[str], str] | None = None
    family_first: bool = False
    native_joiner: str = " "
    family_names: int = 1                     # Spanish: two family names
    patronym: tuple[str, str] | None = None   # Malay: "bin" / "binti" + the father's name


_EN = Culture(
    female=_list("Mary, Sarah, Emily, Jennifer, Elizabeth, Jessica, Rebecca, Laura, Rachel, "
                 "Hannah, Emma, Olivia, Charlotte, Sophie, Lucy, Karen, Susan, Margaret, "
                 "Helen, Catherine, Amanda, Michelle, Natalie, Grace"),
    male=_list("James, John, Robert, Michael, William, David, Richard, Thomas, Christopher, "
               "Daniel, Matthew, Andrew, Paul, Mark, Steven, Peter, George, Edward, Benjamin, "
               "Samuel, Patrick, Oliver, Jack, Henry"),
    family=_list("Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Anderson, "
                 "Taylor, Moore, Martin, Thompson, White, Harris, Clarke, Walker, Wright, "
                 "Robinson, Hughes, Edwards, Green, Hall, Wood, Campbell, Murphy, O'Brien, "
                 "Kelly, Evans, Roberts, Baker, Mitchell, Morgan, Bennett"))

CULTURES: dict[str, Culture] = {
    "english": _EN,
    "french": Culture(
        female=_list("Marie, Sophie, Isabelle, Nathalie, Catherine, Sandrine, Céline, "
                     "Camille, Julie, Aurélie, Claire, Hélène, Valérie, Émilie, Chloé, Léa, "
                     "Manon, Anne, Christine, Élodie, Béatrice, Mathilde"),
        male=_list("Jean, Pierre, Michel, Philippe, Alain, Nicolas, François, Laurent, Éric, "
                   "Olivier, Stéphane, Christophe, Julien, Thomas, Antoine, Mathieu, "
                   "Sébastien, Guillaume, Vincent, Benoît, Jérôme, Luc, Jean-Marc, "
                   "Jean-Pierre"),
        family=_list("Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, "
                     "Moreau, Simon, Laurent, Lefèvre, Michel, David, Bertrand, Roux, "
                     "Vincent, Fournier, Morel, Girard, André, Mercier, Dupont, Lambert, "
                     "Bonnet, François, Legrand, Garnier, Faure, Rousseau, Blanc, Guérin, "
                     "Chevalier, Gauthier, Jean-Baptiste")),
    "spanish": Culture(
        female=_list("María, Carmen, Ana, Laura, Isabel, Lucía, Marta, Elena, Cristina, "
                     "Patricia, Rosa, Sofía, Valentina, Camila, Gabriela, Daniela, Andrea, "
                     "Paula, Verónica, Adriana, Mónica, Claudia, Carolina, Fernanda"),
        male=_list("José, Juan, Carlos, Luis, Antonio, Javier, Miguel, Francisco, Manuel, "
                   "Alejandro, Diego, Andrés, Fernando, Jorge, Ricardo, Pablo, Sergio, Raúl, "
                   "Eduardo, Gustavo, Mateo, Santiago, Rodrigo, Héctor"),
        family=_list("García, Rodríguez, González, Fernández, López, Martínez, Sánchez, "
                     "Pérez, Gómez, Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Álvarez, "
                     "Romero, Torres, Ramírez, Flores, Vargas, Castro, Morales, Ortiz, Silva, "
                     "Rojas, Mendoza, Herrera, Medina, Aguilar, Vega, Navarro, Ramos, Cruz, "
                     "Reyes"),
        family_names=2),
    "portuguese": Culture(
        female=_list("Maria, Ana, Francisca, Juliana, Fernanda, Beatriz, Mariana, Luciana, "
                     "Patrícia, Aline, Camila, Larissa, Gabriela, Letícia, Joana, Inês, Rita, "
                     "Sofia, Carla, Sandra, Cláudia, Teresa"),
        male=_list("João, José, António, Francisco, Carlos, Paulo, Pedro, Lucas, Luiz, "
                   "Marcos, Rafael, Gabriel, Rodrigo, Felipe, Tiago, Bruno, Ricardo, Miguel, "
                   "Manuel, Fernando, Sérgio, Vítor"),
        family=_list("Silva, Santos, Oliveira, Souza, Pereira, Costa, Rodrigues, Almeida, "
                     "Nascimento, Lima, Araújo, Fernandes, Carvalho, Gomes, Martins, Rocha, "
                     "Ribeiro, Alves, Monteiro, Mendes, Barros, Freitas, Cardoso, Teixeira, "
                     "Correia, Ferreira, Sousa, Lopes, Pinto, Moreira")),
    "german": Culture(
        female=_list("Anna, Maria, Ursula, Monika, Petra, Sabine, Claudia, Susanne, Andrea, "
                     "Stefanie, Julia, Katharina, Lena, Laura, Sarah, Johanna, Franziska, "
                     "Birgit, Heike, Martina, Lisa, Sophie"),
        male=_list("Peter, Michael, Thomas, Andreas, Wolfgang, Klaus, Jürgen, Stefan, "
                   "Christian, Markus, Frank, Matthias, Alexander, Sebastian, Tobias, Jan, "
                   "Lukas, Florian, Dieter, Uwe, Jörg, Martin"),
        family=_list("Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, "
                     "Schulz, Hoffmann, Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, "
                     "Neumann, Schwarz, Zimmermann, Braun, Krüger, Hofmann, Hartmann, Lange, "
                     "Werner, Krause, Meier, Lehmann, Huber, Gruber, Steiner, Brunner, "
                     "Keller")),
    "italian": Culture(
        female=_list("Giulia, Francesca, Chiara, Sara, Valentina, Alessandra, Federica, Elena, "
                     "Silvia, Paola, Roberta, Laura, Martina, Giorgia, Anna, Maria, Lucia, "
                     "Simona, Cristina, Elisa"),
        male=_list("Marco, Giuseppe, Giovanni, Antonio, Francesco, Alessandro, Andrea, Luca, "
                   "Matteo, Stefano, Roberto, Paolo, Davide, Lorenzo, Riccardo, Fabio, "
                   "Massimo, Simone, Pietro, Enrico"),
        family=_list("Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, "
                     "Marino, Greco, Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, "
                     "Rizzo, Lombardi, Moretti, Barbieri, Fontana, Santoro, Mariani, Rinaldi, "
                     "Caruso, Ferrara, Galli")),
    "maltese": Culture(
        female=_list("Maria, Josephine, Rita, Carmen, Doris, Rebecca, Marthese, Claire, "
                     "Roberta, Graziella, Miriam, Antonella"),
        male=_list("Joseph, John, Mario, Carmel, Paul, Anthony, Charles, Emanuel, Kurt, "
                   "Jean Paul, Raymond, Adrian"),
        family=_list("Borg, Camilleri, Vella, Farrugia, Zammit, Galea, Micallef, Grech, "
                     "Attard, Spiteri, Azzopardi, Cassar, Mifsud, Caruana")),
    "dutch": Culture(
        female=_list("Anna, Emma, Sanne, Lotte, Eva, Femke, Anouk, Marieke, Inge, Linda, "
                     "Ingrid, Els, Saskia, Esther, Marloes, Sophie, Julia, Fleur, Liesbeth, "
                     "Annemieke"),
        male=_list("Jan, Pieter, Kees, Willem, Hendrik, Johannes, Thijs, Bram, Daan, Sander, "
                   "Ruud, Maarten, Joost, Bas, Wouter, Dirk, Koen, Geert, Jeroen, Stijn"),
        family=_list("de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, "
                     "Visser, Smit, Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, "
                     "Hendriks, van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, Maes, "
                     "Peeters, Willems, Claes, Goossens, Wouters, Mertens")),
    "nordic": Culture(
        female=_list("Anna, Maria, Karin, Kristina, Sara, Ingrid, Linnea, Emma, Elin, Ida, "
                     "Hanna, Sofie, Mette, Camilla, Kari, Astrid, Sigrid, Maja, Frida, Liv"),
        male=_list("Lars, Anders, Johan, Erik, Per, Karl, Nils, Mikael, Henrik, Magnus, Ole, "
                   "Jens, Søren, Morten, Bjørn, Thomas, Jonas, Fredrik, Mats, Rasmus"),
        family=_list("Johansson, Andersson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, "
                     "Persson, Svensson, Lindberg, Lindqvist, Berg, Hansen, Johansen, Olsen, "
                     "Larsen, Andersen, Pedersen, Nielsen, Jensen, Christensen, Haugen, "
                     "Bakken, Dahl, Lund, Holm, Strand")),
    "finnish": Culture(
        female=_list("Anna, Maria, Aino, Helena, Johanna, Kaisa, Liisa, Sanna, Tuula, Päivi, "
                     "Minna, Riikka, Laura, Elina, Hanna, Satu, Anu, Emilia"),
        male=_list("Juha, Timo, Matti, Mikko, Jari, Antti, Pekka, Heikki, Ville, Jukka, "
                   "Markku, Kari, Sami, Janne, Petri, Tuomas, Olli, Eero"),
        family=_list("Korhonen, Virtanen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine, "
                     "Heikkinen, Koskinen, Järvinen, Lehtonen, Lehtinen, Saarinen, Salminen, "
                     "Heinonen, Niemi, Heikkilä, Kinnunen, Salonen, Turunen")),
    "icelandic": Culture(
        female=_list("Guðrún, Anna, Sigríður, Kristín, Margrét, Helga, Sigrún, Ingibjörg, "
                     "María, Jóhanna, Katrín, Ragnheiður"),
        male=_list("Jón, Sigurður, Guðmundur, Gunnar, Ólafur, Einar, Kristján, Magnús, "
                   "Stefán, Jóhann, Björn, Árni"),
        family=_list("Jónsson|Jónsdóttir, Sigurðsson|Sigurðardóttir, "
                     "Guðmundsson|Guðmundsdóttir, Gunnarsson|Gunnarsdóttir, "
                     "Ólafsson|Ólafsdóttir, Einarsson|Einarsdóttir, "
                     "Kristjánsson|Kristjánsdóttir, Stefánsson|Stefánsdóttir, "
                     "Magnússon|Magnúsdóttir, Björnsson|Björnsdóttir, Árnason|Árnadóttir, "
                     "Helgason|Helgadóttir")),
    "estonian": Culture(
        female=_list("Kadri, Kristiina, Triin, Maarja, Liis, Kertu, Anu, Tiina, Helen, "
                     "Merike, Piret, Kaja"),
        male=_list("Andres, Jaan, Toomas, Marko, Priit, Margus, Tõnu, Rein, Siim, Kristjan, "
                   "Mart, Urmas"),
        family=_list("Tamm, Saar, Sepp, Mägi, Kask, Kukk, Rebane, Ilves, Pärn, Koppel, Lepik, "
                     "Kallas, Ots, Raud, Vaher, Kuusk")),
    "latvian": Culture(
        female=_list("Anna, Kristīne, Inese, Ilze, Līga, Laura, Dace, Baiba, Sanita, Zane, "
                     "Ieva, Agnese"),
        male=_list("Jānis, Andris, Māris, Juris, Edgars, Mārtiņš, Kārlis, Aivars, Guntis, "
                   "Raimonds, Uldis, Valdis"),
        family=_list("Bērziņš|Bērziņa, Kalniņš|Kalniņa, Ozols|Ozola, Jansons|Jansone, "
                     "Liepiņš|Liepiņa, Krūmiņš|Krūmiņa, Balodis|Balode, Zariņš|Zariņa, "
                     "Pētersons|Pētersone, Vītols|Vītola, Kļaviņš|Kļaviņa, Eglītis|Eglīte")),
    "lithuanian": Culture(
        female=_list("Ona, Rūta, Jurgita, Kristina, Asta, Laura, Rasa, Inga, Vilma, Daiva, "
                     "Eglė, Gintarė"),
        male=_list("Jonas, Tomas, Mindaugas, Darius, Andrius, Vytautas, Antanas, Paulius, "
                   "Mantas, Linas, Saulius, Gintaras"),
        family=_list("Kazlauskas|Kazlauskienė, Jankauskas|Jankauskienė, "
                     "Petrauskas|Petrauskienė, Stankevičius|Stankevičienė, "
                     "Vasiliauskas|Vasiliauskienė, Žukauskas|Žukauskienė, Butkus|Butkienė, "
                     "Paulauskas|Paulauskienė, Urbonas|Urbonienė, Navickas|Navickienė")),
    "polish": Culture(
        female=_list("Anna, Katarzyna, Małgorzata, Agnieszka, Barbara, Ewa, Magdalena, "
                     "Joanna, Monika, Aleksandra, Dorota, Zofia"),
        male=_list("Piotr, Krzysztof, Andrzej, Tomasz, Paweł, Marcin, Michał, Jakub, "
                   "Grzegorz, Łukasz, Marek, Wojciech"),
        family=_list("Nowak, Kowalski|Kowalska, Wiśniewski|Wiśniewska, Wójcik, Kowalczyk, "
                     "Kamiński|Kamińska, Lewandowski|Lewandowska, Zieliński|Zielińska, "
                     "Szymański|Szymańska, Woźniak, Dąbrowski|Dąbrowska, "
                     "Kozłowski|Kozłowska, Jankowski|Jankowska, Mazur, Krawczyk")),
    "czech": Culture(
        female=_list("Jana, Eva, Hana, Petra, Lucie, Lenka, Kateřina, Zuzana, Martina, "
                     "Veronika, Tereza, Monika"),
        male=_list("Jan, Petr, Jiří, Pavel, Tomáš, Martin, Jakub, Lukáš, Michal, Marek, "
                   "Peter, Juraj"),
        family=_list("Novák|Nováková, Svoboda|Svobodová, Novotný|Novotná, "
                     "Dvořák|Dvořáková, Černý|Černá, Procházka|Procházková, "
                     "Kučera|Kučerová, Veselý|Veselá, Horák|Horáková, Němec|Němcová, "
                     "Pokorný|Pokorná, Král|Králová, Horváth|Horváthová, Kováč|Kováčová, "
                     "Varga|Vargová, Baláž|Balážová")),
    "hungarian": Culture(
        female=_list("Anna, Katalin, Éva, Erzsébet, Mária, Zsuzsanna, Judit, Ildikó, "
                     "Krisztina, Andrea, Eszter, Nóra, Réka, Zsófia, Orsolya, Boglárka"),
        male=_list("László, István, József, János, Zoltán, Sándor, Gábor, Ferenc, Attila, "
                   "Péter, Tamás, Zsolt, Balázs, Dávid, Gergely, Ádám"),
        family=_list("Nagy, Kovács, Tóth, Szabó, Horváth, Varga, Kiss, Molnár, Németh, "
                     "Farkas, Balogh, Papp, Takács, Juhász, Lakatos, Mészáros, Oláh, Simon, "
                     "Rácz, Fekete")),
    "romanian": Culture(
        female=_list("Maria, Elena, Ioana, Andreea, Alexandra, Mihaela, Cristina, Ana, "
                     "Gabriela, Raluca, Roxana, Irina, Simona, Daniela, Oana, Adriana"),
        male=_list("Ion, Andrei, Alexandru, Mihai, Gheorghe, Constantin, Florin, Bogdan, "
                   "Ionuț, Cristian, Adrian, Vasile, Dan, Radu, Marius, Ștefan"),
        family=_list("Popescu, Ionescu, Popa, Pop, Radu, Dumitru, Stan, Stoica, Gheorghe, "
                     "Matei, Ciobanu, Rusu, Munteanu, Constantin, Marin, Moldovan, Lungu, "
                     "Dobre, Florea")),
    "croatian": Culture(
        female=_list("Ana, Marija, Ivana, Petra, Maja, Katarina, Martina, Jelena, Lucija, "
                     "Nikolina, Marina, Sanja, Mirela, Vesna, Tanja, Amra, Lejla, Selma"),
        male=_list("Ivan, Marko, Josip, Luka, Tomislav, Ante, Stjepan, Matej, Nikola, Davor, "
                   "Dario, Goran, Mario, Hrvoje, Emir, Adnan, Mirza, Jure"),
        family=_list("Horvat, Kovačević, Babić, Marić, Jurić, Novak, Kovačić, Knežević, "
                     "Vuković, Marković, Matić, Tomić, Pavlović, Hodžić, Hadžić, Begić, Kos, "
                     "Zupan, Krajnc, Potočnik, Mlakar")),
    "albanian": Culture(
        female=_list("Arta, Blerina, Elira, Drita, Mimoza, Jonida, Anila, Valbona, Ermira, "
                     "Teuta, Lindita, Besa"),
        male=_list("Arben, Artan, Besnik, Dritan, Ilir, Gentian, Erion, Fatmir, Kastriot, "
                   "Agron, Edmond, Genci"),
        family=_list("Hoxha, Shehu, Gashi, Leka, Krasniqi, Kola, Dervishi, Marku, Prifti, "
                     "Çela, Bajrami, Murati, Dushku, Xhafa")),
    "turkish": Culture(
        female=_list("Ayşe, Fatma, Zeynep, Elif, Emine, Hatice, Merve, Selin, Derya, Esra, "
                     "Gül, Özlem, Burcu, Ebru"),
        male=_list("Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, Emre, Murat, "
                   "Burak, Serkan, Oğuz, Kemal, Cem, Can"),
        family=_list("Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, "
                     "Özdemir, Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, "
                     "Şimşek")),
    "azerbaijani": Culture(
        female=_list("Aysel, Leyla, Günel, Nigar, Səbinə, Könül, Aynur, Nərmin, Şəbnəm, "
                     "Lalə"),
        male=_list("Elvin, Rəşad, Orxan, Tural, Kamran, Elnur, Vüsal, Anar, Fuad, İlham"),
        family=_list("Məmmədov|Məmmədova, Əliyev|Əliyeva, Həsənov|Həsənova, "
                     "Hüseynov|Hüseynova, Quliyev|Quliyeva, İsmayılov|İsmayılova, "
                     "Rzayev|Rzayeva, Abbasov|Abbasova, Cəfərov|Cəfərova, "
                     "Babayev|Babayeva")),
    "uzbek": Culture(
        female=_list("Dilnoza, Gulnora, Madina, Nigora, Malika, Shahnoza, Zarina, Feruza, "
                     "Nodira, Sevara, Ogulgerek, Maral"),
        male=_list("Aziz, Bobur, Jasur, Sardor, Otabek, Sherzod, Ulugbek, Rustam, Dilshod, "
                   "Farrux, Merdan, Berdi"),
        family=_list("Karimov|Karimova, Rahimov|Rahimova, Yusupov|Yusupova, "
                     "Tursunov|Tursunova, Abdullayev|Abdullayeva, Mirzayev|Mirzayeva, "
                     "Ismoilov|Ismoilova, Nazarov|Nazarova, Xolmatov|Xolmatova, "
                     "Annayev|Annayeva")),
    "greek": Culture(
        female=_list("Μαρία, Ελένη, Αικατερίνη, Βασιλική, Σοφία, Αγγελική, Γεωργία, Δήμητρα, "
                     "Κωνσταντίνα, Ευαγγελία, Χριστίνα, Ιωάννα, Παναγιώτα, Ειρήνη, "
                     "Αναστασία, Δέσποινα"),
        male=_list("Γιώργος, Κωνσταντίνος, Δημήτρης, Νίκος, Γιάννης, Παναγιώτης, Βασίλης, "
                   "Χρήστος, Αθανάσιος, Μιχάλης, Ευάγγελος, Σπύρος, Αντώνης, Ανδρέας, "
                   "Στέλιος, Θεόδωρος"),
        family=_list("Παπαδόπουλος|Παπαδοπούλου, Παπαδάκης|Παπαδάκη, Γεωργίου, Οικονόμου, "
                     "Νικολάου, Βασιλείου, Ιωάννου, Παπανικολάου, "
                     "Κωνσταντινίδης|Κωνσταντινίδου, Αθανασίου, Δημητρίου, Μακρής|Μακρή, "
                     "Αντωνίου, Καραγιάννης|Καραγιάννη, Παπαγεωργίου, "
                     "Πετρόπουλος|Πετροπούλου, Χριστοδούλου"),
        latin=greek_latin),
    "russian": Culture(
        female=_list("Анна, Елена, Ольга, Наталья, Татьяна, Ирина, Светлана, Мария, "
                     "Екатерина, Юлия, Анастасия, Марина, Людмила, Галина, Ксения, Дарья, "
                     "Виктория, Надежда"),
        male=_list("Александр, Сергей, Дмитрий, Андрей, Алексей, Владимир, Михаил, Николай, "
                   "Иван, Евгений, Игорь, Павел, Юрий, Максим, Олег, Виктор, Константин, "
                   "Артём"),
        family=_list("Иванов|Иванова, Смирнов|Смирнова, Кузнецов|Кузнецова, Попов|Попова, "
                     "Васильев|Васильева, Петров|Петрова, Соколов|Соколова, "
                     "Михайлов|Михайлова, Новиков|Новикова, Фёдоров|Фёдорова, "
                     "Морозов|Морозова, Волков|Волкова, Алексеев|Алексеева, "
                     "Лебедев|Лебедева, Семёнов|Семёнова, Егоров|Егорова, Павлов|Павлова, "
                     "Козлов|Козлова, Степанов|Степанова, Николаев|Николаева, Орлов|Орлова, "
                     "Андреев|Андреева, Макаров|Макарова, Зайцев|Зайцева"),
        latin=russian_latin),
    "ukrainian": Culture(
        female=_list("Олена, Оксана, Наталія, Тетяна, Ірина, Юлія, Світлана, Марія, Ольга, "
                     "Катерина, Анна, Людмила, Галина, Вікторія, Христина, Соломія"),
        male=_list("Олександр, Андрій, Сергій, Володимир, Олег, Михайло, Іван, Дмитро, Юрій, "
                   "Василь, Тарас, Богдан, Микола, Ігор, Петро, Остап"),
        family=_list("Шевченко, Коваленко, Бондаренко, Ткаченко, Кравченко, Олійник, Бойко, "
                     "Мельник, Коваль, Шевчук, Поліщук, Лисенко, Савченко, Руденко, Марченко, "
                     "Петренко, Мороз, Ковальчук, Ковальський|Ковальська, Гнатюк, Павленко, "
                     "Кравчук"),
        latin=ukrainian_latin),
    "bulgarian": Culture(
        female=_list("Мария, Иванка, Елена, Йорданка, Даниела, Десислава, Цветелина, "
                     "Гергана, Виктория, Николета, Радостина, Силвия, Теодора, Петя, Милена"),
        male=_list("Георги, Иван, Димитър, Николай, Петър, Христо, Стоян, Тодор, Йордан, "
                   "Васил, Стефан, Атанас, Красимир, Пламен, Валентин, Борислав"),
        family=_list("Иванов|Иванова, Георгиев|Георгиева, Димитров|Димитрова, "
                     "Петров|Петрова, Николов|Николова, Христов|Христова, "
                     "Стоянов|Стоянова, Тодоров|Тодорова, Илиев|Илиева, Василев|Василева, "
                     "Атанасов|Атанасова, Петков|Петкова, Ангелов|Ангелова"),
        latin=bulgarian_latin),
    "serbian": Culture(
        female=_list("Јелена, Милица, Марија, Ана, Драгана, Снежана, Ивана, Јована, Тамара, "
                     "Катарина, Невена, Биљана, Софија, Александра, Мирјана, Теодора"),
        male=_list("Милан, Никола, Марко, Стефан, Александар, Драган, Зоран, Дејан, Ненад, "
                   "Владимир, Душан, Немања, Лазар, Бојан, Миодраг, Ђорђе"),
        family=_list("Јовановић, Петровић, Николић, Марковић, Ђорђевић, Стојановић, Илић, "
                     "Станковић, Павловић, Ђурић, Костић, Томић, Савић, Лукић, Ристић, "
                     "Митровић, Живковић, Поповић"),
        latin=serbian_latin),
    "macedonian": Culture(
        female=_list("Марија, Елена, Ивана, Билјана, Снежана, Катерина, Александра, Јована, "
                     "Маја, Ана, Весна, Сања"),
        male=_list("Александар, Никола, Горан, Зоран, Стефан, Драган, Игор, Бојан, Дарко, "
                   "Љупчо, Кирил, Филип"),
        family=_list("Стојановски|Стојановска, Петровски|Петровска, Николовски|Николовска, "
                     "Трајковски|Трајковска, Јовановски|Јовановска, "
                     "Димитровски|Димитровска, Илиевски|Илиевска, "
                     "Георгиевски|Георгиевска, Спасовски|Спасовска, "
                     "Ристовски|Ристовска"),
        latin=macedonian_latin),
    "kazakh": Culture(
        female=_list("Айгүл, Әсем, Гүлнар, Жанар, Динара, Салтанат, Меруерт, Ақмарал, "
                     "Жансая, Айжан, Назгүл, Аружан"),
        male=_list("Нұрлан, Ерлан, Асқар, Дәурен, Бауыржан, Серік, Мұрат, Айдос, Ержан, "
                   "Арман, Нұрсұлтан, Талғат"),
        family=_list("Ахметов|Ахметова, Омаров|Омарова, Серікбаев|Серікбаева, "
                     "Жұмабаев|Жұмабаева, Сәрсенбаев|Сәрсенбаева, Қасымов|Қасымова, "
                     "Бекетов|Бекетова, Мұхамедов|Мұхамедова, Оспанов|Оспанова, "
                     "Есенов|Есенова, Әлиев|Әлиева, Исмаилов|Исмаилова"),
        latin=kazakh_latin),
    "tajik": Culture(
        female=_list("Мадина, Нигина, Фарзона, Зарина, Шаҳло, Дилноза, Гулноза, Парвина, "
                     "Малика, Манижа"),
        male=_list("Рустам, Фаррух, Шерзод, Далер, Бахтиёр, Фирдавс, Ҷамшед, Сомон, "
                   "Фарҳод, Алишер"),
        family=_list("Раҳимов|Раҳимова, Назаров|Назарова, Каримов|Каримова, "
                     "Шарипов|Шарипова, Сафаров|Сафарова, Юсуфов|Юсуфова, "
                     "Қодиров|Қодирова, Ҳасанов|Ҳасанова, Мирзоев|Мирзоева, "
                     "Олимов|Олимова"),
        latin=tajik_latin),
    "mongolian": Culture(
        female=_list("Оюунчимэг, Энхтуяа, Сарангэрэл, Болормаа, Нарантуяа, Мөнхцэцэг, Туяа, "
                     "Одгэрэл, Алтанцэцэг, Солонго"),
        male=_list("Батбаяр, Ганбаатар, Болд, Эрдэнэ, Төмөрбаатар, Мөнхбат, Сүхбаатар, "
                   "Ганзориг, Бат-Эрдэнэ, Энхбаяр"),
        family=_list("Батбаяр, Ганбаатар, Болд, Эрдэнэ, Төмөрбаатар, Мөнхбат, Ганзориг, "
                     "Энхбаяр, Дорж, Цэрэн, Баатар, Лхагва"),
        latin=mongolian_latin),
    "georgian": Culture(
        female=_list("ნინო, თამარ, მარიამ, ანა, ეკატერინე, ნათია, სალომე, ქეთევან, მაია, "
                     "ნანა, ხატია, თეონა"),
        male=_list("გიორგი, დავით, ლევან, ნიკოლოზ, ირაკლი, ზურაბ, ლაშა, ალექსანდრე, გიგა, "
                   "თორნიკე"),
        family=_list("ბერიძე, კაპანაძე, გელაშვილი, მაისურაძე, ლომიძე, ჯაფარიძე, ნოზაძე, "
                     "ჩხეიძე, წიკლაური, გიორგაძე, ბაქრაძე, ქავთარაძე, ტაბიძე"),
        latin=georgian_latin),
    "armenian": Culture(
        female=_list("Աննա=Anna, Անի=Ani, Մարիամ=Mariam, Լիլիթ=Lilit, Նարե=Nare, "
                     "Գայանե=Gayane, Անահիտ=Anahit, Արմինե=Armine, Հասմիկ=Hasmik, "
                     "Նունե=Nune, Տաթևիկ=Tatevik"),
        male=_list("Արամ=Aram, Արմեն=Armen, Դավիթ=Davit, Տիգրան=Tigran, Նարեկ=Narek, "
                   "Հայկ=Hayk, Վահե=Vahe, Լևոն=Levon, Սուրեն=Suren, Գոռ=Gor"),
        family=_list("Պետրոսյան=Petrosyan, Սարգսյան=Sargsyan, Հակոբյան=Hakobyan, "
                     "Գրիգորյան=Grigoryan, Հարությունյան=Harutyunyan, "
                     "Կարապետյան=Karapetyan, Խաչատրյան=Khachatryan, Վարդանյան=Vardanyan, "
                     "Ավետիսյան=Avetisyan, Գևորգյան=Gevorgyan, Հովհաննիսյան=Hovhannisyan, "
                     "Մկրտչյան=Mkrtchyan")),
    "hebrew": Culture(
        female=_list("שרה=Sara, רחל=Rachel, מיכל=Michal, נועה=Noa, תמר=Tamar, יעל=Yael, "
                     "שירה=Shira, מאיה=Maya, רות=Ruth, אורית=Orit, לימור=Limor, דנה=Dana"),
        male=_list("דוד=David, יוסף=Yosef, משה=Moshe, אברהם=Avraham, יעקב=Yaakov, "
                   "דניאל=Daniel, אורי=Uri, איתי=Itai, נועם=Noam, עומר=Omer, אלון=Alon, "
                   "יונתן=Yonatan"),
        family=_list("כהן=Cohen, לוי=Levi, מזרחי=Mizrahi, פרץ=Peretz, ביטון=Biton, "
                     "דהן=Dahan, פרידמן=Friedman, שפירא=Shapira, גולדברג=Goldberg, "
                     "אזולאי=Azoulay, כץ=Katz, רוזנברג=Rosenberg, אוחיון=Ohayon, ברק=Barak")),
    "arabic": Culture(
        female=_list("فاطمة=Fatima, عائشة=Aisha, مريم=Maryam, نور=Nour, ليلى=Layla, "
                     "سارة=Sara, هدى=Huda, أمل=Amal, رانيا=Rania, سلمى=Salma, ياسمين=Yasmin, "
                     "منى=Mona, دينا=Dina, هالة=Hala, زينب=Zainab, نادية=Nadia, لينا=Lina, "
                     "ريم=Reem, سميرة=Samira, خديجة=Khadija"),
        male=_list("محمد=Mohammed, أحمد=Ahmed, علي=Ali, عمر=Omar, خالد=Khaled, يوسف=Youssef, "
                   "حسن=Hassan, حسين=Hussein, إبراهيم=Ibrahim, عبد الله=Abdullah, سعيد=Said, "
                   "مصطفى=Mostafa, طارق=Tarek, فيصل=Faisal, سامي=Sami, ناصر=Nasser, "
                   "كريم=Karim, هشام=Hisham, وليد=Walid, ماجد=Majed"),
        family=_list("العلي=Al-Ali, الحسن=Al-Hassan, المنصور=Al-Mansour, الخطيب=Al-Khatib, "
                     "حداد=Haddad, الشامي=Al-Shami, النجار=Al-Najjar, السيد=El-Sayed, "
                     "عبد الرحمن=Abdelrahman, الحمد=Al-Hamad, القاسم=Al-Qasim, "
                     "الزهراني=Al-Zahrani, العتيبي=Al-Otaibi, الكبيسي=Al-Kubaisi, "
                     "صالح=Saleh, عثمان=Osman, البنا=El-Banna, الدوسري=Al-Dosari, "
                     "الرشيد=Al-Rashid, حمدان=Hamdan, منصور=Mansour")),
    "maghreb": Culture(
        female=_list("Fatima, Khadija, Nadia, Samira, Amina, Leila, Naima, Souad, Yasmina, "
                     "Malika, Houda, Salma, Meriem, Sanaa, Rachida"),
        male=_list("Mohamed, Karim, Youssef, Rachid, Samir, Hamid, Mourad, Nabil, "
                   "Abdelkader, Mustapha, Farid, Mehdi, Omar, Hicham, Khalid"),
        family=_list("Benali, Bouzid, El Amrani, Benjelloun, Mansouri, Haddad, Cherif, "
                     "Belkacem, Toumi, Ziani, Bennani, Saidi, Ouali, Brahimi, Hamdi, "
                     "Trabelsi, Jaziri, Ben Salah, Chaabane, Mejri")),
    "persian": Culture(
        female=_list("فاطمه=Fatemeh, زهرا=Zahra, مریم=Maryam, سارا=Sara, نسرین=Nasrin, "
                     "لیلا=Leila, شیرین=Shirin, پریسا=Parisa, مهسا=Mahsa, نازنین=Nazanin, "
                     "الهام=Elham, نرگس=Narges"),
        male=_list("علی=Ali, محمد=Mohammad, حسین=Hossein, رضا=Reza, مهدی=Mehdi, امیر=Amir, "
                   "سعید=Saeed, مجید=Majid, حمید=Hamid, بهرام=Bahram, کامران=Kamran, "
                   "داریوش=Dariush"),
        family=_list("محمدی=Mohammadi, حسینی=Hosseini, احمدی=Ahmadi, رضایی=Rezaei, "
                     "کریمی=Karimi, موسوی=Mousavi, جعفری=Jafari, رحیمی=Rahimi, صادقی=Sadeghi, "
                     "کاظمی=Kazemi, نوری=Nouri, تهرانی=Tehrani, شریفی=Sharifi, قاسمی=Ghasemi")),
    "urdu": Culture(
        female=_list("عائشہ=Ayesha, فاطمہ=Fatima, صائمہ=Saima, نادیہ=Nadia, سعدیہ=Sadia, "
                     "مریم=Maryam, ثناء=Sana, حنا=Hina, رابعہ=Rabia, زینب=Zainab, آمنہ=Amna, "
                     "کرن=Kiran"),
        male=_list("عمران=Imran, محمد=Muhammad, علی=Ali, احمد=Ahmed, عثمان=Usman, بلال=Bilal, "
                   "فیصل=Faisal, کاشف=Kashif, طارق=Tariq, شاہد=Shahid, عمر=Umar, حسن=Hassan"),
        family=_list("خان=Khan, ملک=Malik, چودھری=Chaudhry, قریشی=Qureshi, بٹ=Butt, "
                     "شیخ=Sheikh, حسین=Hussain, اعوان=Awan, رضا=Raza, مرزا=Mirza, "
                     "صدیقی=Siddiqui, ہاشمی=Hashmi")),
    "hindi": Culture(
        female=_list("प्रिया=Priya, अनीता=Anita, सुनीता=Sunita, पूजा=Pooja, नेहा=Neha, "
                     "कविता=Kavita, रेखा=Rekha, मीना=Meena, आशा=Asha, दिव्या=Divya, "
                     "लक्ष्मी=Lakshmi, अंजलि=Anjali, सीमा=Seema, गीता=Geeta"),
        male=_list("अनिल=Anil, राजेश=Rajesh, सुनील=Sunil, अमित=Amit, विजय=Vijay, राहुल=Rahul, "
                   "संजय=Sanjay, अजय=Ajay, मनोज=Manoj, रवि=Ravi, अरुण=Arun, विकास=Vikas, "
                   "दीपक=Deepak, प्रकाश=Prakash"),
        family=_list("शर्मा=Sharma, वर्मा=Verma, गुप्ता=Gupta, सिंह=Singh, कुमार=Kumar, "
                     "पटेल=Patel, यादव=Yadav, जोशी=Joshi, मिश्रा=Mishra, अग्रवाल=Agarwal, "
                     "चौहान=Chauhan, त्रिपाठी=Tripathi, मेहता=Mehta, राव=Rao, नायर=Nair, "
                     "रेड्डी=Reddy, दास=Das, बनर्जी=Banerjee")),
    "nepali": Culture(
        female=_list("सीता=Sita, गीता=Gita, सरिता=Sarita, सुनिता=Sunita, लक्ष्मी=Laxmi, "
                     "कमला=Kamala, बिना=Bina, अनिता=Anita, सबिना=Sabina, रिता=Rita"),
        male=_list("राम=Ram, हरि=Hari, कृष्ण=Krishna, बिकास=Bikas, सुरेश=Suresh, "
                   "दिनेश=Dinesh, प्रकाश=Prakash, रमेश=Ramesh, गणेश=Ganesh, सञ्जय=Sanjay"),
        family=_list("श्रेष्ठ=Shrestha, थापा=Thapa, गुरुङ=Gurung, तामाङ=Tamang, राई=Rai, "
                     "पौडेल=Poudel, अधिकारी=Adhikari, कार्की=Karki, भट्टराई=Bhattarai, "
                     "मगर=Magar, लिम्बु=Limbu, खड्का=Khadka, बस्नेत=Basnet")),
    "bengali": Culture(
        female=_list("ফাতেমা=Fatema, নাসরিন=Nasrin, শারমিন=Sharmin, তাসলিমা=Taslima, "
                     "রুমানা=Rumana, নাজমা=Nazma, সুমাইয়া=Sumaiya, আয়েশা=Ayesha, "
                     "শিরিন=Shirin, ফারজানা=Farzana"),
        male=_list("রহিম=Rahim, করিম=Karim, মাহমুদ=Mahmud, তানভীর=Tanvir, সাকিব=Sakib, "
                   "রফিক=Rafiq, জামাল=Jamal, আরিফ=Arif, ইমরান=Imran, শফিক=Shafiq"),
        family=_list("হোসেন=Hossain, রহমান=Rahman, আহমেদ=Ahmed, ইসলাম=Islam, "
                     "চৌধুরী=Chowdhury, খান=Khan, সরকার=Sarkar, মিয়া=Mia, উদ্দিন=Uddin, "
                     "হক=Haque, আলম=Alam, তালুকদার=Talukder")),
    "chinese": Culture(
        female=_list("芳=Fang, 娜=Na, 敏=Min, 静=Jing, 丽=Li, 艳=Yan, 婷=Ting, 秀英=Xiuying, "
                     "晓燕=Xiaoyan, 雪=Xue, 慧=Hui, 玉兰=Yulan, 佳怡=Jiayi, 梦琪=Mengqi"),
        male=_list("伟=Wei, 强=Qiang, 磊=Lei, 军=Jun, 勇=Yong, 杰=Jie, 涛=Tao, 明=Ming, "
                   "超=Chao, 建国=Jianguo, 志强=Zhiqiang, 海峰=Haifeng, 文博=Wenbo, "
                   "宇航=Yuhang"),
        family=_list("王=Wang, 李=Li, 张=Zhang, 刘=Liu, 陈=Chen, 杨=Yang, 黄=Huang, 赵=Zhao, "
                     "吴=Wu, 周=Zhou, 徐=Xu, 孙=Sun, 马=Ma, 朱=Zhu, 胡=Hu, 郭=Guo, 何=He, "
                     "林=Lin, 高=Gao, 罗=Luo"),
        family_first=True, native_joiner=""),
    "japanese": Culture(
        female=_list("陽子=Yoko, 恵子=Keiko, 由美=Yumi, 美咲=Misaki, 花子=Hanako, 愛=Ai, "
                     "真由美=Mayumi, 直美=Naomi, 久美子=Kumiko, 明美=Akemi, さくら=Sakura, "
                     "優子=Yuko"),
        male=_list("翔太=Shota, 健一=Kenichi, 大輔=Daisuke, 誠=Makoto, 浩=Hiroshi, 隆=Takashi, "
                   "拓也=Takuya, 直樹=Naoki, 健太=Kenta, 和也=Kazuya, 修=Osamu, 亮=Ryo"),
        family=_list("佐藤=Sato, 鈴木=Suzuki, 高橋=Takahashi, 田中=Tanaka, 伊藤=Ito, "
                     "渡辺=Watanabe, 山本=Yamamoto, 中村=Nakamura, 小林=Kobayashi, 加藤=Kato, "
                     "吉田=Yoshida, 山田=Yamada, 佐々木=Sasaki, 山口=Yamaguchi, "
                     "松本=Matsumoto, 井上=Inoue, 木村=Kimura, 林=Hayashi, 清水=Shimizu, "
                     "森=Mori"),
        family_first=True),
    "korean": Culture(
        female=_list("서연=Seo-yeon, 지은=Ji-eun, 수빈=Su-bin, 민지=Min-ji, 하은=Ha-eun, "
                     "예진=Ye-jin, 유진=Yu-jin, 지현=Ji-hyun, 은정=Eun-jung, 미영=Mi-young, "
                     "수진=Su-jin, 혜원=Hye-won"),
        male=_list("민준=Min-jun, 서준=Seo-jun, 도윤=Do-yun, 지훈=Ji-hoon, 현우=Hyun-woo, "
                   "준호=Jun-ho, 성민=Sung-min, 영수=Young-soo, 동현=Dong-hyun, 재원=Jae-won, "
                   "상훈=Sang-hoon, 태현=Tae-hyun"),
        family=_list("김=Kim, 이=Lee, 박=Park, 최=Choi, 정=Jung, 강=Kang, 조=Cho, 윤=Yoon, "
                     "장=Jang, 임=Lim, 한=Han, 오=Oh, 서=Seo, 신=Shin, 권=Kwon, 황=Hwang, "
                     "송=Song, 류=Ryu, 홍=Hong, 문=Moon"),
        family_first=True, native_joiner=""),
    "thai": Culture(
        female=_list("สมศรี=Somsri, มาลี=Malee, ศิริพร=Siriporn, วนิดา=Wanida, "
                     "ปราณี=Pranee, กัญญา=Kanya, สุดา=Suda, ณัฐยา=Nattaya, รัตนา=Rattana, "
                     "พิมพ์ชนก=Pimchanok, อรุณี=Arunee, จันทร์เพ็ญ=Chanpen"),
        male=_list("สมชาย=Somchai, สมศักดิ์=Somsak, ประเสริฐ=Prasert, สุรชัย=Surachai, "
                   "อนันต์=Anan, วิชัย=Wichai, ชัยวัฒน์=Chaiwat, กิตติศักดิ์=Kittisak, "
                   "ธนกร=Thanakorn, ณัฐพงศ์=Nattapong, อภิชาติ=Apichat, ปิยะ=Piya"),
        family=_list("แซ่ตั้ง=Saetang, ศรีสุข=Srisuk, วงศ์สวัสดิ์=Wongsawat, "
                     "รัตนากร=Rattanakorn, บุญมี=Boonmee, ศรีสวัสดิ์=Srisawat, ใจดี=Jaidee, "
                     "สุขสวัสดิ์=Suksawat, ธงชัย=Thongchai, แก้วคำ=Kaewkham, "
                     "สุขประเสริฐ=Sukprasert, พงษ์พานิช=Pongpanich, ทองดี=Thongdee, "
                     "บุญเรือง=Boonruang")),
    "amharic": Culture(
        female=_list("አልማዝ=Almaz, ትዕግስት=Tigist, ሕይወት=Hiwot, መሰረት=Meseret, ሰላም=Selam, "
                     "ቤተልሔም=Betelhem, ሐና=Hana, መቅደስ=Mekdes, ጽዮን=Tsion, ገነት=Genet, "
                     "አስቴር=Aster, ብርቱካን=Birtukan, የሺ=Yeshi"),
        male=_list("አበበ=Abebe, ተስፋዬ=Tesfaye, ግርማ=Girma, አለሙ=Alemu, ሙሉጌታ=Mulugeta, "
                   "ሰለሞን=Solomon, ዳዊት=Dawit, ዮሐንስ=Yohannes, ጌታቸው=Getachew, "
                   "መስፍን=Mesfin, ዮናስ=Yonas, ብርሃኑ=Berhanu"),
        # Ethiopian and Eritrean names: the second name is the father's given name.
        family=_list("ከበደ=Kebede, በቀለ=Bekele, ኃይሌ=Haile, ታደሰ=Tadesse, ተስፋዬ=Tesfaye, "
                     "ግርማ=Girma, አለሙ=Alemu, ሙሉጌታ=Mulugeta, ዮሐንስ=Yohannes, "
                     "ጌታቸው=Getachew, ብርሃኑ=Berhanu, አበበ=Abebe")),
    "vietnamese": Culture(
        female=_list("Thị Lan, Thị Hương, Thị Mai, Thu Trang, Ngọc Anh, Thanh Hà, Phương Linh, "
                     "Minh Thư, Thị Hoa, Bích Ngọc, Thùy Dung, Kim Oanh"),
        male=_list("Văn An, Văn Hùng, Minh Tuấn, Quốc Bảo, Đức Anh, Thanh Sơn, Hữu Phước, "
                   "Công Thành, Quang Huy, Tiến Dũng, Văn Nam, Hoàng Long"),
        family=_list("Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Phan, Vũ, Võ, Đặng, Bùi, Đỗ, Hồ, "
                     "Ngô, Dương"),
        family_first=True),
    "khmer": Culture(
        female=_list("Sophea, Sreymom, Channary, Bopha, Sokunthea, Dalin, Malis, Kunthea, "
                     "Sreyneang, Vanna"),
        male=_list("Dara, Vannak, Sophal, Rithy, Visal, Sokha, Piseth, Bunthoeun, Vuthy, "
                   "Sambath"),
        family=_list("Chan, Sok, Kim, Heng, Ly, Chea, Meas, Keo, Nhem, Srey, Pich, Ouk, Yim, "
                     "Prak, Tep"),
        family_first=True),
    "lao": Culture(
        female=_list("Manivone, Chanthaly, Soudaphone, Vilayvanh, Khamla, Phonesavanh, "
                     "Somphavanh, Bouavanh"),
        male=_list("Bounmy, Khampheng, Sengphet, Vanxay, Somphone, Bounthavy, Thongsavanh, "
                   "Phouthone"),
        family=_list("Phommachanh, Sayavong, Vongsa, Keomany, Souvannavong, Inthavong, "
                     "Phetsamone, Chanthavong, Sisouk, Luangrath")),
    "burmese": Culture(
        female=_list("Thida, Khin Mar, Nilar, Aye Aye, Su Su, May Thu, Hnin Wai, Moe Moe, "
                     "Ei Ei, Thandar"),
        male=_list("Aung, Kyaw, Zaw, Min, Thant, Htun, Soe, Myo, Ye, Zin"),
        # Burmese names have no family name: the last syllables are part of the name.
        family=_list("Win, Lwin, Oo, Thein, Naing, Htet, Aung, Myint, Tun, Hlaing")),
    "indonesian": Culture(
        female=_list("Siti, Sri, Dewi, Ratna, Indah, Wulan, Putri, Rina, Ayu, Nurul, Fitri, "
                     "Yuliana, Kartika, Anisa"),
        male=_list("Budi, Agus, Joko, Andi, Dedi, Hendra, Rudi, Wahyu, Bambang, Eko, Rizky, "
                   "Arif, Fajar, Yudi"),
        family=_list("Santoso, Wijaya, Pratama, Saputra, Hidayat, Susanto, Setiawan, Gunawan, "
                     "Kusuma, Nugroho, Rahayu, Lestari, Purnomo, Siregar, Simanjuntak, "
                     "Harahap, Hakim")),
    "malay": Culture(
        female=_list("Nurul Ain, Siti Aminah, Aisyah, Farah, Nor Azizah, Fatimah, Zarina, "
                     "Hanis, Nur Izzati, Azlina"),
        male=_list("Ahmad, Muhammad Faiz, Azman, Faizal, Hafiz, Rizal, Amir, Zulkifli, "
                   "Ismail, Khairul"),
        family=_list("Ismail, Abdullah, Hassan, Osman, Rahman, Yusof, Ibrahim, Hamid, "
                     "Zainal, Kassim, Razak, Aziz"),
        patronym=("bin", "binti")),
    "filipino": Culture(
        female=_list("Maria, Ana, Kristine, Jasmine, Maricel, Rosario, Liza, Grace, "
                     "Angelica, Cristina, Joy, Kathleen"),
        male=_list("Jose, Juan, Antonio, Ramon, Mark, John Paul, Rodrigo, Eduardo, Carlo, "
                   "Miguel, Paolo, Rafael"),
        family=_list("Santos, Reyes, Cruz, Bautista, Ocampo, Garcia, Mendoza, Torres, "
                     "Dela Cruz, Villanueva, Ramos, Aquino, Castillo, Flores, Gonzales, "
                     "Navarro, Tolentino")),
    "sinhala": Culture(
        female=_list("Kumari, Nadeesha, Dilani, Chamari, Sanduni, Nirosha, Tharushi, Ishara, "
                     "Malini, Anusha"),
        male=_list("Nimal, Sunil, Kamal, Chaminda, Ruwan, Asanka, Dinesh, Lasantha, "
                   "Pradeep, Mahesh"),
        family=_list("Perera, Fernando, de Silva, Jayasinghe, Wickramasinghe, Bandara, "
                     "Gunawardena, Dissanayake, Herath, Kumara, Ranasinghe, Weerasinghe, "
                     "Jayawardena")),
    "maldivian": Culture(
        female=_list("Aishath, Fathimath, Mariyam, Hawwa, Aminath, Shifa, Zeena, Nasheeda"),
        male=_list("Ahmed, Mohamed, Ibrahim, Hassan, Ali, Hussain, Abdulla, Ismail"),
        family=_list("Naseem, Rasheed, Shareef, Waheed, Didi, Manik, Saleem, Zahir")),
    "pacific": Culture(
        female=_list("Mele, Losana, Salote, Ana, Litia, Vika, Seini, Ofa, Akanesi, Mere, "
                     "Sina, Teuila, Miriama, Tarita"),
        male=_list("Sione, Tevita, Viliami, Semisi, Josefa, Samuela, Iosefa, Tavita, "
                   "Tomasi, Ioane, Paula, Kalolo, Epeli, Teburoro"),
        family=_list("Tupou, Fifita, Vake, Naivalu, Koroi, Tuilagi, Faleolo, Leota, Tabai, "
                     "Natapei, Kalsakau, Tari, Wari, Kila, Taufa, Havili, Ratuvou")),
    "east_african": Culture(
        female=_list("Grace, Mary, Faith, Esther, Mercy, Ruth, Wanjiku, Amina, Neema, "
                     "Zawadi, Rehema, Imani, Aisha, Halima, Akinyi, Nafula, Nakato"),
        male=_list("John, Peter, David, Joseph, James, Daniel, Samuel, Baraka, Juma, Hamisi, "
                   "Amani, Jabari, Bakari, Omari, Salim, Kiprono, Otieno"),
        family=_list("Mwangi, Kamau, Otieno, Ochieng, Njoroge, Kiprop, Mutua, Kariuki, "
                     "Omondi, Mohamed, Juma, Mwakyembe, Massawe, Mushi, Kimaro, Okello, "
                     "Mugisha, Ssempala, Wafula, Chebet, Wambui, Mwakilema")),
    "central_african": Culture(
        female=_list("Marie-Claire, Claudine, Béatrice, Josiane, Chantal, Solange, Esther, "
                     "Françoise, Grâce, Immaculée, Clarisse, Aline"),
        male=_list("Jean-Pierre, Joseph, Patrick, Didier, Emmanuel, Serge, Blaise, Aimé, "
                   "Jean Bosco, Innocent, Fabrice, Guy-Roger"),
        family=_list("Mbala, Ilunga, Tshibanda, Mukendi, Kasongo, Nzuzi, Mbuyi, Ngoma, "
                     "Mvondo, Essomba, Ndong, Nkoulou, Habimana, Niyonzima, Uwimana, "
                     "Hakizimana, Nsengiyumva, Mukamana, Ngarlem, Mahamat")),
    "west_african": Culture(
        female=_list("Aminata, Fatoumata, Mariam, Aïssatou, Awa, Kadiatou, Oumou, Rokia, "
                     "Adjoua, Akissi, Ramatoulaye, Ndèye, Astou, Mariama, Isatou"),
        male=_list("Moussa, Mamadou, Ibrahima, Ousmane, Abdoulaye, Seydou, Souleymane, "
                   "Cheikh, Amadou, Boubacar, Issa, Lamine, Koffi, Yao, Komlan, Modou"),
        family=_list("Diallo, Traoré, Coulibaly, Keïta, Diop, Ndiaye, Sow, Ba, Camara, "
                     "Touré, Cissé, Konaté, Sylla, Kouassi, Koné, Ouédraogo, Sawadogo, "
                     "Kaboré, Zongo, Hounkpatin, Agbossou, Adjovi, Amoussou, Faye, Fall, "
                     "Sarr, Gueye, Jallow, Ceesay, Kamara")),
    "akan": Culture(
        female=_list("Ama, Akosua, Abena, Adwoa, Afua, Yaa, Efua, Esi, Akua, Gifty, Comfort, "
                     "Abigail, Priscilla"),
        male=_list("Kwame, Kofi, Kwabena, Kwaku, Yaw, Kwesi, Kojo, Emmanuel, Samuel, "
                   "Ebenezer, Isaac, Kwadwo"),
        family=_list("Mensah, Owusu, Boateng, Asante, Osei, Agyeman, Appiah, Darko, Ofori, "
                     "Amoah, Acheampong, Addo, Quaye, Tetteh, Annan")),
    "yoruba": Culture(
        female=_list("Folasade, Funmilayo, Yetunde, Titilayo, Bukola, Omolara, Temitope, "
                     "Oluwakemi, Abimbola, Modupe, Adunni, Damilola"),
        male=_list("Oluwaseun, Babatunde, Adewale, Olumide, Segun, Femi, Kunle, Tunde, "
                   "Ayodele, Gbenga, Dapo, Kayode"),
        family=_list("Adeyemi, Ogunleye, Adebayo, Balogun, Olawale, Akinola, Ogundipe, "
                     "Afolabi, Oyelaran, Adeleke, Ajayi, Oladipo, Adesina, Ogunbiyi")),
    "hausa": Culture(
        female=_list("Aisha, Fatima, Hauwa, Zainab, Hadiza, Amina, Maryam, Halima, Rakiya, "
                     "Binta, Safiya, Asabe"),
        male=_list("Abubakar, Ibrahim, Musa, Usman, Aliyu, Sani, Yusuf, Bashir, Umar, Haruna, "
                   "Garba, Nasiru"),
        family=_list("Abdullahi, Bello, Danjuma, Garba, Mohammed, Musa, Sani, Suleiman, "
                     "Yakubu, Lawal, Shehu, Aminu, Idris, Mahamadou, Issoufou")),
    "igbo": Culture(
        female=_list("Ngozi, Chiamaka, Adaeze, Nkechi, Chioma, Ifeoma, Amaka, Uju, Obiageli, "
                     "Chinwe"),
        male=_list("Chinedu, Emeka, Obinna, Nnamdi, Ikechukwu, Chukwuemeka, Uchenna, "
                   "Kelechi, Ifeanyi, Tochukwu"),
        family=_list("Okafor, Okonkwo, Eze, Nwosu, Obi, Nwankwo, Okeke, Onyeka, Chukwu, Ibe, "
                     "Anyanwu, Nwachukwu")),
    "southern_african": Culture(
        female=_list("Nomvula, Thandiwe, Lindiwe, Palesa, Nandi, Zanele, Precious, Rutendo, "
                     "Nyasha, Chipo, Naledi, Dineo, Busisiwe, Nokuthula, Refilwe, Chikondi"),
        male=_list("Thabo, Sipho, Themba, Bongani, Tendai, Tatenda, Kagiso, Mandla, Blessing, "
                   "Tapiwa, Mthunzi, Sibusiso, Lungisani, Tumelo, Chisomo, Mulenga"),
        family=_list("Dlamini, Nkosi, Ndlovu, Khumalo, Mokoena, Mahlangu, Moyo, Sithole, "
                     "Mabaso, Zulu, Banda, Phiri, Mwale, Chirwa, Mutasa, Molefe, Mthembu, "
                     "Shikongo, Nangolo, Masilo")),
    "somali": Culture(
        female=_list("Hodan, Amina, Faadumo, Sahra, Hawa, Asha, Ifrah, Nimco, Ubah, Khadra"),
        male=_list("Abdi, Mohamed, Ahmed, Hassan, Abdirahman, Abdullahi, Omar, Yusuf, Ali, "
                   "Farah"),
        family=_list("Farah, Warsame, Jama, Hersi, Abdi, Osman, Aden, Egal, Mohamud, Hassan, "
                     "Ismail, Nur")),
    "south_sudanese": Culture(
        female=_list("Nyandeng, Achol, Abuk, Akuol, Rebecca, Mary, Nyibol, Adut, Nyamal, "
                     "Awut"),
        male=_list("Deng, Garang, John, Peter, Majok, Kuol, Akol, Lual, Gatluak, Mabior"),
        family=_list("Deng, Garang, Kuol, Akol, Lual, Mayen, Majok, Bol, Chol, Malual, Atem, "
                     "Wol")),
    "malagasy": Culture(
        female=_list("Voahangy, Lalao, Hanta, Fanja, Nirina, Vola, Hasina, Miora, Soa, "
                     "Tahina"),
        male=_list("Hery, Rivo, Toky, Andry, Jean, Mamy, Fidy, Haja, Lova, Tiana"),
        family=_list("Rakotomalala, Randrianarisoa, Rasolofo, Andrianasolo, Rakotoarisoa, "
                     "Razafindrakoto, Ravelojaona, Rasoanaivo, Ramanantsoa, Rabemananjara, "
                     "Randriamampionona, Razanamparany")),
}


# --- who lives where ------------------------------------------------------------------------
# Each line: "culture weight, culture weight: ISO codes". A State's people are drawn from
# its cultures in these proportions. A test checks that every member State is listed.

_STATE_CULTURES_SPEC = """
english: AG BB BS DM GD GY JM KN LC VC TT GB IE AU
english 85, spanish 15: US
english 75, french 25: CA
english 50, spanish 50: BZ
english 85, pacific 15: NZ
english 50, west_african 50: LR SL
spanish: AR BO CL CO CR CU DO EC SV GT HN MX NI PA PY PE UY VE ES
spanish 50, central_african 50: GQ
portuguese: BR PT AO CV GW ST
portuguese 70, southern_african 30: MZ
portuguese 60, indonesian 40: TL
french: FR HT
french 60, english 40: MU
french 50, english 50: SC
dutch: NL
dutch 55, french 45: BE
dutch 60, indonesian 40: SR
french 50, german 50: LU
german 63, french 27, italian 10: CH
german: DE AT
italian: IT SM
maltese: MT
nordic: SE NO DK
finnish: FI
icelandic: IS
estonian 75, russian 25: EE
latvian 75, russian 25: LV
lithuanian: LT
polish: PL
czech: CZ SK
hungarian: HU
romanian: RO
romanian 80, russian 20: MD
croatian: HR SI
croatian 60, serbian 40: BA
serbian: RS
serbian 50, croatian 50: ME
macedonian 75, albanian 25: MK
albanian: AL
greek: GR CY
turkish: TR
hebrew 80, arabic 20: IL
russian: RU BY
ukrainian: UA
bulgarian: BG
georgian: GE
armenian: AM
azerbaijani: AZ
kazakh 75, russian 25: KZ
kazakh: KG
tajik: TJ
uzbek: UZ TM
mongolian: MN
arabic: AE BH IQ JO KW LB OM QA SA SY YE EG LY SD
arabic 50, maghreb 50: DZ MA TN
arabic 60, west_african 40: MR
maghreb 60, french 40: KM
somali: SO
somali 60, arabic 20, french 20: DJ
amharic: ET ER
south_sudanese: SS
east_african: KE TZ UG
central_african: RW BI CD CG CM GA CF
central_african 60, arabic 40: TD
west_african: SN ML CI BF GN BJ TG GM
west_african 50, hausa 50: NE
akan: GH
yoruba 35, hausa 35, igbo 30: NG
southern_african: ZW ZM BW LS SZ MW NA
southern_african 75, english 15, dutch 10: ZA
malagasy: MG
chinese: CN
chinese 60, malay 25, english 15: SG
malay 65, chinese 35: MY
malay: BN
japanese: JP
korean: KR
hindi: IN
nepali: NP
bengali: BD
urdu: PK
sinhala: LK
maldivian: MV
persian: IR AF
indonesian: ID
filipino: PH
vietnamese: VN
thai: TH
khmer: KH
lao: LA
burmese: MM
pacific: FJ PG SB VU KI TV WS TO CK
pacific 70, english 30: PW MH
"""


def _parse_state_cultures(spec: str) -> dict[str, tuple[tuple[str, int], ...]]:
    mapping = {}
    for line in spec.strip().splitlines():
        mix, _sep, codes = line.partition(":")
        cultures = []
        for part in mix.split(","):
            key, _space, weight = part.strip().partition(" ")
            cultures.append((key, int(weight or 100)))
        for code in codes.split():
            mapping[code] = tuple(cultures)
    return mapping


STATE_CULTURES = _parse_state_cultures(_STATE_CULTURES_SPEC)


# --- organisations --------------------------------------------------------------------------
# Employers' and workers' organisations are named in the State's language where it is one of
# French, Spanish or Portuguese; ``{of}`` is the State with its preposition in that language.

STATE_IN_FRENCH = {
    "FR": "de France", "BE": "de Belgique", "LU": "du Luxembourg", "CH": "de Suisse",
    "HT": "d'Haïti", "SN": "du Sénégal", "ML": "du Mali", "CI": "de Côte d'Ivoire",
    "BF": "du Burkina Faso", "GN": "de Guinée", "BJ": "du Bénin", "TG": "du Togo",
    "NE": "du Niger", "CM": "du Cameroun", "GA": "du Gabon", "CG": "du Congo",
    "CD": "de la République démocratique du Congo", "CF": "de Centrafrique",
    "TD": "du Tchad", "MG": "de Madagascar", "RW": "du Rwanda", "BI": "du Burundi",
    "DJ": "de Djibouti", "KM": "des Comores", "MR": "de Mauritanie", "DZ": "d'Algérie",
    "MA": "du Maroc", "TN": "de Tunisie", "SC": "des Seychelles", "MU": "de Maurice",
    "LB": "du Liban",
}
STATE_IN_SPANISH = {
    "ES": "de España", "MX": "de México", "AR": "de la Argentina", "BO": "de Bolivia",
    "CL": "de Chile", "CO": "de Colombia", "CR": "de Costa Rica", "CU": "de Cuba",
    "DO": "de la República Dominicana", "EC": "del Ecuador", "SV": "de El Salvador",
    "GT": "de Guatemala", "HN": "de Honduras", "NI": "de Nicaragua", "PA": "de Panamá",
    "PY": "del Paraguay", "PE": "del Perú", "UY": "del Uruguay", "VE": "de Venezuela",
    "GQ": "de Guinea Ecuatorial",
}
STATE_IN_PORTUGUESE = {
    "BR": "do Brasil", "PT": "de Portugal", "AO": "de Angola", "MZ": "de Moçambique",
    "CV": "de Cabo Verde", "GW": "da Guiné-Bissau", "ST": "de São Tomé e Príncipe",
    "TL": "de Timor-Leste",
}

ORGANISATION_NAMES = {
    "en": {
        "employers": ("Employers' Federation of {of}", "Employers' Confederation of {of}",
                      "National Employers' Organization of {of}",
                      "Confederation of Employers and Industries of {of}",
                      "Business Council of {of}"),
        "workers": ("Trade Union Congress of {of}", "Confederation of Trade Unions of {of}",
                    "National Federation of Trade Unions of {of}",
                    "General Confederation of Labour of {of}",
                    "Congress of Free Trade Unions of {of}"),
    },
    "fr": {
        "employers": ("Conseil national du patronat {of}",
                      "Confédération nationale des employeurs {of}",
                      "Fédération des entreprises {of}", "Union patronale {of}"),
        "workers": ("Confédération nationale des travailleurs {of}",
                    "Union nationale des syndicats de travailleurs {of}",
                    "Confédération générale des travailleurs {of}",
                    "Confédération des syndicats libres {of}"),
    },
    "es": {
        "employers": ("Confederación de Empleadores {of}", "Confederación Patronal {of}",
                      "Consejo Nacional de la Empresa Privada {of}",
                      "Cámara Nacional de Empresarios {of}"),
        "workers": ("Confederación General de Trabajadores {of}",
                    "Central Unitaria de Trabajadores {of}",
                    "Confederación Nacional de Sindicatos {of}",
                    "Unión Nacional de Trabajadores {of}"),
    },
    "pt": {
        "employers": ("Confederação Nacional dos Empregadores {of}",
                      "Confederação Empresarial {of}", "Associação Industrial {of}"),
        "workers": ("Central Geral dos Trabalhadores {of}",
                    "União Geral dos Trabalhadores {of}",
                    "Confederação Nacional dos Trabalhadores {of}"),
    },
}
MINISTRY_NAMES = (
    "Ministry of Labour", "Ministry of Labour and Employment",
    "Ministry of Labour and Social Security", "Ministry of Labour and Social Affairs",
    "Ministry of Employment and Labour", "Ministry of Labour, Employment and Social Protection",
    "Ministry of Labour and Social Protection", "Ministry of Labour and Social Welfare",
)
ACRONYM_SMALL_WORDS = {"of", "the", "and", "de", "du", "des", "la", "le", "les", "et", "y",
                       "e", "da", "do", "dos", "das", "del"}

# --- functions ------------------------------------------------------------------------------

FUNCTIONS = {
    "ministry": ("Director, International Labour Affairs", "Labour Attaché, Permanent Mission",
                 "Counsellor, Permanent Mission in Geneva", "Deputy Director-General",
                 "Head of International Relations", "Senior Legal Adviser",
                 "Director of Labour Inspection", "Director of Employment Policy",
                 "First Secretary, Permanent Mission", "Senior Policy Adviser",
                 "Director, Social Security", "Chief Labour Officer"),
    "employers": ("President", "Director-General", "Executive Director",
                  "Head of Social Affairs", "Legal Adviser", "Member of the Board",
                  "Policy Adviser", "Director of Industrial Relations",
                  "Head of International Affairs", "Chief Economist"),
    "workers": ("General Secretary", "President", "International Secretary",
                "Deputy General Secretary", "Head of Education", "Legal Officer",
                "Regional Coordinator", "Gender Equality Officer", "Research Officer",
                "Occupational Safety and Health Officer"),
}


# --- meetings -------------------------------------------------------------------------------
# Titles in English, French and Spanish. Meetings: key → (type, acronym, titles).

MEETINGS = {
    "ILC": ("ilc", "ILC", ("International Labour Conference",
                           "Conférence internationale du Travail",
                           "Conferencia Internacional del Trabajo")),
    "GB": ("gb", "GB", ("Governing Body", "Conseil d'administration",
                        "Consejo de Administración")),
    "AFRM": ("regional", "AFRM", ("African Regional Meeting", "Réunion régionale africaine",
                                  "Reunión Regional Africana")),
    "MEDWCE": ("experts", "MEDWCE", (
        "Meeting of Experts on Decent Work in the Care Economy",
        "Réunion d'experts sur le travail décent dans l'économie du soin",
        "Reunión de expertos sobre el trabajo decente en la economía del cuidado")),
}

# key: (meeting, number, titles, opens, closes (local), time zone, venue, city, country,
#       working languages)
SESSIONS = {
    "ILC": ("ILC", "114", ("114th Session of the International Labour Conference",
                           "114e session de la Conférence internationale du Travail",
                           "114.ª reunión de la Conferencia Internacional del Trabajo"),
            (2026, 6, 1, 10), (2026, 6, 12, 18), "Europe/Zurich", "Palais des Nations",
            "Geneva", "CH", ["en", "fr", "es"]),
    "GB356": ("GB", "356", ("356th Session of the Governing Body",
                            "356e session du Conseil d'administration",
                            "356.ª reunión del Consejo de Administración"),
              (2026, 3, 9, 10), (2026, 3, 19, 18), "Europe/Zurich",
              "International Labour Office", "Geneva", "CH", ["en", "fr", "es"]),
    "GB357": ("GB", "357", ("357th Session of the Governing Body",
                            "357e session du Conseil d'administration",
                            "357.ª reunión del Consejo de Administración"),
              (2026, 6, 13, 10), (2026, 6, 13, 13), "Europe/Zurich",
              "International Labour Office", "Geneva", "CH", ["en", "fr", "es"]),
    # Invented sessions are marked "(demo)" so that nobody takes them for the real thing.
    "AFRM15": ("AFRM", "15", ("15th African Regional Meeting (demo)",
                              "15e Réunion régionale africaine (démo)",
                              "15.ª Reunión Regional Africana (demo)"),
               (2026, 11, 30, 10), (2026, 12, 3, 18), "Africa/Addis_Ababa",
               "United Nations Conference Centre", "Addis Ababa", "ET", ["en", "fr"]),
    "MEDWCE": ("MEDWCE", "", (
        "Meeting of Experts on Decent Work in the Care Economy (demo)",
        "Réunion d'experts sur le travail décent dans l'économie du soin (démo)",
        "Reunión de expertos sobre el trabajo decente en la economía del cuidado (demo)"),
        (2026, 10, 5, 10), (2026, 10, 9, 17), "Europe/Zurich", "International Labour Office",
        "Geneva", "CH", ["en", "fr", "es"]),
}


# session: (number, technical, (en, fr, es))
AGENDA = {
    "ILC": (
        ("I", False, ("Reports of the Chairperson of the Governing Body and of the "
                      "Director-General",
                      "Rapports du Président du Conseil d'administration et du Directeur "
                      "général",
                      "Informes del Presidente del Consejo de Administración y del Director "
                      "General")),
        ("II", False, ("Programme and budget proposals and other questions",
                       "Propositions de programme et de budget et autres questions",
                       "Propuestas de Programa y Presupuesto y otras cuestiones")),
        ("III", True, ("Information and reports on the application of Conventions and "
                       "Recommendations",
                       "Informations et rapports sur l'application des conventions et "
                       "recommandations",
                       "Informaciones y memorias sobre la aplicación de convenios y "
                       "recomendaciones")),
        ("IV", True, ("Decent work in the platform economy (standard-setting, second "
                      "discussion)",
                      "Le travail décent dans l'économie de plateforme (action normative, "
                      "deuxième discussion)",
                      "El trabajo decente en la economía de plataformas (actividad normativa, "
                      "segunda discusión)")),
        ("V", True, ("Recurrent discussion on the strategic objective of fundamental "
                     "principles and rights at work",
                     "Discussion récurrente sur l'objectif stratégique des principes et droits "
                     "fondamentaux au travail",
                     "Discusión recurrente sobre el objetivo estratégico de los principios y "
                     "derechos fundamentales en el trabajo")),
        ("VI", True, ("Innovative approaches to tackling informality and promoting "
                      "transitions towards formality (general discussion)",
                      "Approches novatrices pour lutter contre l'informalité et promouvoir "
                      "les transitions vers la formalité (discussion générale)",
                      "Enfoques innovadores para hacer frente a la informalidad y promover la "
                      "transición a la formalidad (discusión general)")),
    ),
    "GB356": (
        ("INS/1", False, ("Approval of the minutes of the 355th Session of the Governing Body",
                          "Approbation des procès-verbaux de la 355e session du Conseil "
                          "d'administration",
                          "Aprobación de las actas de la 355.ª reunión del Consejo de "
                          "Administración")),
        ("INS/2", False, ("Agenda of future sessions of the International Labour Conference",
                          "Ordre du jour des futures sessions de la Conférence internationale "
                          "du Travail",
                          "Orden del día de futuras reuniones de la Conferencia Internacional "
                          "del Trabajo")),
        ("POL/2", False, ("Decent work in supply chains: follow-up",
                          "Le travail décent dans les chaînes d'approvisionnement: suivi",
                          "El trabajo decente en las cadenas de suministro: seguimiento")),
        ("LILS/1", False, ("The Standards Review Mechanism Tripartite Working Group",
                           "Le Groupe de travail tripartite du mécanisme d'examen des normes",
                           "El Grupo de Trabajo Tripartito del Mecanismo de Examen de las "
                           "Normas")),
        ("PFA/3", False, ("Programme and Budget for 2026–27: Regular budget account and "
                          "Working Capital Fund",
                          "Programme et budget pour 2026-27: compte du budget ordinaire et "
                          "Fonds de roulement",
                          "Programa y Presupuesto para 2026-2027: cuenta del presupuesto "
                          "ordinario y Fondo de Operaciones")),
    ),
    "GB357": (
        ("INS/1", False, ("Election of the Officers of the Governing Body for 2026–27",
                          "Élection du bureau du Conseil d'administration pour 2026-27",
                          "Elección de la Mesa del Consejo de Administración para "
                          "2026-2027")),
        ("INS/2", False, ("Follow-up to the resolutions adopted by the International Labour "
                          "Conference at its 114th Session",
                          "Suivi des résolutions adoptées par la Conférence internationale du "
                          "Travail à sa 114e session",
                          "Seguimiento de las resoluciones adoptadas por la Conferencia "
                          "Internacional del Trabajo en su 114.ª reunión")),
    ),
}


# key: (kind, ILC agenda item or None, (en, fr, es))
ILC_COMMITTEES = {
    "credentials": ("credentials", None, (
        "Credentials Committee", "Commission de vérification des pouvoirs",
        "Comisión de Verificación de Poderes")),
    "cas": ("standing", "III", (
        "Committee on the Application of Standards", "Commission de l'application des normes",
        "Comisión de Aplicación de Normas")),
    "finance": ("finance", "II", (
        "Finance Committee of Government Representatives",
        "Commission des finances des représentants gouvernementaux",
        "Comisión de Representantes Gubernamentales sobre Cuestiones Financieras")),
    "general": ("general_affairs", None, (
        "General Affairs Committee", "Commission des affaires générales",
        "Comisión de Asuntos Generales")),
    "platform": ("technical", "IV", (
        "Standard-Setting Committee: Decent Work in the Platform Economy",
        "Commission normative: le travail décent dans l'économie de plateforme",
        "Comisión Normativa: el Trabajo Decente en la Economía de Plataformas")),
    "fprw": ("technical", "V", (
        "Committee for the Recurrent Discussion on Fundamental Principles and Rights at Work",
        "Commission de la discussion récurrente sur les principes et droits fondamentaux au "
        "travail",
        "Comisión de la Discusión Recurrente sobre los Principios y Derechos Fundamentales en "
        "el Trabajo")),
    "informality": ("technical", "VI", (
        "General Discussion Committee: Informality",
        "Commission de la discussion générale: l'informalité",
        "Comisión de Discusión General: la Informalidad")),
}
