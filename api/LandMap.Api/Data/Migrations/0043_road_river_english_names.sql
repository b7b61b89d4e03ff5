-- English names for roads and rivers (issue 17): a planner using the English page searches
-- "Binhai 3rd Road", and the panel names a road in the page's language. name_en is optional (an
-- upload may leave it out); the map searches both names. The sample's roads and rivers get theirs
-- here too, for a database that loaded gis-data/roads.geojson and rivers.geojson before they carried
-- name_en (the loader never loads a changed file twice).
alter table roads add column name_en text;
alter table rivers add column name_en text;
alter table roads add constraint roads_name_en_bound check (char_length(name_en) <= 500);
alter table rivers add constraint rivers_name_en_bound check (char_length(name_en) <= 500);

update roads as r set name_en = v.name_en
from (values
    ('机场大道', 'Airport Avenue'), ('滨海大道', 'Binhai Avenue'), ('环山东路', 'Huanshan East Road'),
    ('滨海一道', 'Binhai 1st Street'), ('滨海二道', 'Binhai 2nd Street'), ('滨海三道', 'Binhai 3rd Street'),
    ('滨海四道', 'Binhai 4th Street'), ('滨海五道', 'Binhai 5th Street'), ('滨海六道', 'Binhai 6th Street'),
    ('滨海七道', 'Binhai 7th Street'), ('滨海八道', 'Binhai 8th Street'), ('滨海九道', 'Binhai 9th Street'),
    ('滨海十道', 'Binhai 10th Street'), ('滨海十一道', 'Binhai 11th Street'), ('滨海十二道', 'Binhai 12th Street'),
    ('滨海一路', 'Binhai 1st Road'), ('滨海二路', 'Binhai 2nd Road'), ('滨海三路', 'Binhai 3rd Road'),
    ('滨海四路', 'Binhai 4th Road'), ('滨海五路', 'Binhai 5th Road'), ('滨海六路', 'Binhai 6th Road'),
    ('滨海七路', 'Binhai 7th Road'), ('滨海八路', 'Binhai 8th Road'), ('滨海九路', 'Binhai 9th Road'),
    ('滨海十路', 'Binhai 10th Road'), ('滨海十一路', 'Binhai 11th Road'), ('滨海十二路', 'Binhai 12th Road'),
    ('滨海十三路', 'Binhai 13th Road'), ('滨海十四路', 'Binhai 14th Road'), ('滨海十五路', 'Binhai 15th Road'),
    ('滨海十六路', 'Binhai 16th Road'), ('金海大道', 'Jinhai Avenue'), ('金海一路', 'Jinhai 1st Road'),
    ('金海二路', 'Jinhai 2nd Road'), ('金海三路', 'Jinhai 3rd Road'), ('金海四路', 'Jinhai 4th Road'),
    ('金海五路', 'Jinhai 5th Road'), ('金海六路', 'Jinhai 6th Road'), ('金海七路', 'Jinhai 7th Road'),
    ('罗东南街', 'Luodong South Street'), ('三甲街', 'Sanjia Street'), ('沙城中心街', 'Shacheng Central Street'),
    ('海川路', 'Haichuan Road'), ('丁山一路', 'Dingshan 1st Road'), ('瓯飞一路', 'Oufei 1st Road')
) as v (name, name_en)
where r.name = v.name and r.name_en is null;

update rivers as r set name_en = v.name_en
from (values
    ('星海新川浦', 'Xinghai Xinchuan Creek'), ('纬四浦', 'Wei 4 Creek'), ('纬二浦', 'Wei 2 Creek'),
    ('经三浦', 'Jing 3 Creek'), ('天河河', 'Tianhe River'), ('海城河', 'Haicheng River'), ('沙城浦', 'Shacheng Creek'),
    ('丁山河', 'Dingshan River'), ('瓯飞排涝河', 'Oufei Drainage River'), ('海城塘河', 'Haicheng Canal')
) as v (name, name_en)
where r.name = v.name and r.name_en is null;
