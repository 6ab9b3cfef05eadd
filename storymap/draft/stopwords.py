"""Capitalised words that are not place names, though a gazetteer may know a town so called.

``STOPWORDS``: common Indonesian, English, Spanish and French words (capitalised at the start of a sentence,
or in a quotation: "Anda"), weekdays, months. ``TITLE_WORDS``: titles and kinds of place
that stand before a name ("Presiden", "Menlu", "Kota", "Provinsi") and so cut a run of
capitalised words: in "Presiden China Xi Jinping" the country is "China".
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


STOPWORDS = frozenset(
    _words(
        """
    yang dan di ke dari pada dalam untuk dengan oleh ini itu ia dia mereka kami kita saya anda
    aku engkau kamu beliau para sang si adalah ialah akan telah sudah juga selain setelah
    sesudah sebelum sejak hingga sampai namun tetapi tapi karena sebab sebagai menurut dilansir
    dikutip mengutip kata ujar ucap tutur sementara kemudian lalu bahkan meski meskipun walau
    jika bila apabila ketika saat selama seperti bagi atas antara tentang terhadap pun masih
    belum tidak bukan ada sekitar hal salah satu kedua ketiga semua setiap beberapa banyak
    para bersama serta atau maupun agar supaya demi tanpa melalui lewat sedangkan padahal
    begitu demikian selanjutnya akhirnya pertama terakhir baru lama besar kecil tinggi utama
    negara pemerintah media pihak warga rakyat perang dunia barat timur utara selatan tengah
    hari pekan minggu bulan tahun kemarin kini sekarang nanti
    the a an and or but nor of in on at to from by with for as is was were are be been being
    this that these those he she it they we i you his her its their our my your there here
    when while after before since until during according said says say told but however also
    even if because although though meanwhile still yet then than so such not no yes all any
    each every some many most more other another both either neither one two three first last
    new old next previous early late later earlier over under into onto about against between
    through without within across along among around behind beyond despite toward towards
    what which who whom whose where why how mr mrs ms dr sir madam
    war peace world west east north south government state people news
    monday tuesday wednesday thursday friday saturday sunday
    senin selasa rabu kamis jumat sabtu ahad
    january february march april may june july august september october november december
    el la los las lo un una unos unas en con por para sobre tras según desde hasta entre
    este esta estos estas ese esa aquí allí también pero como más muy sin ante bajo
    le les des du au aux une et dans sur pour par avec selon après avant depuis vers chez
    ce cette ces il elle ils elles nous vous on où mais aussi très plus sans sous entre
    januari februari maret mei juni juli agustus oktober desember
    """
    )
)

TITLE_WORDS = frozenset(
    _words(
        """
    Presiden Wakil Menteri Menlu Menhan Mendag Perdana Pemimpin Ketua Kepala Jenderal Jend
    Gubernur Wali Bupati Walikota Raja Ratu Pangeran Kanselir Duta Besar Dubes Juru Bicara
    Jubir Direktur Sekretaris Panglima Kolonel Letnan Kapten Mayor Laksamana Marsekal Paus
    Syekh Sultan Imam Uskup Profesor Prof Dr Bapak Ibu Pak Bu Tuan Nyonya Saudara
    President Vice Minister Prime Foreign Defence Defense Secretary Chancellor Leader Chairman
    Chief Head General Governor Mayor King Queen Prince Princess Ambassador Spokesman
    Spokeswoman Spokesperson Director Commander Colonel Lieutenant Captain Admiral Marshal
    Pope Sheikh Bishop Professor Mr Mrs Ms Sir Lord Lady Senator Rep Sen Gov Gen
    Kota Kabupaten Provinsi Wilayah Kawasan Daerah Desa Kecamatan Distrik Pulau Kepulauan
    Gunung Sungai Danau Teluk Selat Laut Samudra Bandara Pelabuhan Stasiun Universitas
    Kementerian Kedutaan Istana Gedung Partai Pasukan Angkatan Tentara Badan Dewan Majelis
    City Province Region Oblast District Village Island Islands Mount Mountain River Lake Bay
    Strait Sea Ocean Airport Port Station University Ministry Embassy Palace Party Army Navy
    Council Parliament Assembly Agency Department Office Court Luar Negeri Dalam Konferensi
    Conference Keamanan Security Internasional International Forum KTT Summit Uni Union
    Kepresidenan Presidential Nasional National Republik Republic Federal
    """
    )
)
